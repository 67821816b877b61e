// One reading of an outside service's failed answer, for every integration (alert email and
// Slack, Salesforce, HubSpot): may a retry fix it (429, 5xx, Salesforce's REQUEST_LIMIT_EXCEEDED),
// how long to wait (Retry-After, capped at an hour), and a detail that is safe to store.

export interface HttpFailure {
  retryable: boolean;
  status: number;
  detail: string;
  retryAfterSeconds: number | null;
}

export async function failureOf(service: string, res: Response): Promise<HttpFailure> {
  const text = (await res.text().catch(() => "")).slice(0, 500);
  const retryAfter = Number(res.headers.get("retry-after"));
  const limit = /REQUEST_LIMIT_EXCEEDED/.test(text);
  return {
    retryable: res.status === 429 || res.status >= 500 || limit,
    status: res.status,
    detail: `${service} answered ${res.status}${text ? `: ${text}` : ""}`,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 3600) : limit ? 300 : null,
  };
}

/** The queues' wait before retry `attempt` when the service gave no Retry-After: 30, 60, 120 s. */
export const backoffSeconds = (attempt: number) => 30 * 2 ** Math.max(0, attempt - 1);
