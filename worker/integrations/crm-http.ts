import { failureOf } from "./http-failure";

// A CRM call that did not succeed, in the terms the sync queue acts on: retry later (429 with
// its Retry-After, Salesforce's REQUEST_LIMIT_EXCEEDED, 5xx, network errors) or give up (a
// request the CRM refuses as it is). The detail is safe to store: it never holds credentials.

export class CrmCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "CrmCallError";
  }
}

export async function crmFailure(service: string, res: Response): Promise<CrmCallError> {
  const f = await failureOf(service, res);
  return new CrmCallError(f.detail, f.retryable, f.status, f.retryAfterSeconds);
}

/** fetch with a timeout; a network failure or timeout is a retryable CrmCallError. */
export async function crmFetch(service: string, url: string, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    if (err instanceof Error && err.name === "TimeoutError")
      throw new CrmCallError(`${service} did not answer within ${timeoutMs / 1000} s`, true, null);
    throw new CrmCallError(
      `${service} could not be reached: ${err instanceof Error ? err.message : String(err)}`,
      true,
      null,
    );
  }
}
