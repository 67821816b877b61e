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
  const text = (await res.text().catch(() => "")).slice(0, 500);
  const retryAfter = Number(res.headers.get("retry-after"));
  const limit = /REQUEST_LIMIT_EXCEEDED/.test(text);
  return new CrmCallError(
    `${service} answered ${res.status}${text ? `: ${text}` : ""}`,
    res.status === 429 || res.status >= 500 || limit,
    res.status,
    Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 3600) : limit ? 300 : null,
  );
}

/** fetch with a timeout; a network failure or timeout is a retryable CrmCallError. */
export async function crmFetch(service: string, url: string, init: RequestInit, timeoutMs = 15_000): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new CrmCallError(`${service} could not be reached: ${err instanceof Error ? err.message : String(err)}`, true, null);
  }
}
