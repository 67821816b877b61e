// How a delivery attempt to an outside service ended, in the terms the queue consumer acts on:
// sent; failed for a reason a retry may fix (5xx, network, 429 with its Retry-After); or failed
// for good (a 4xx that retrying the same request cannot fix).

import { failureOf } from "./http-failure";

export type DeliveryResult =
  | { ok: true; status: number }
  | { ok: false; retry: boolean; status: number | null; detail: string; retryAfterSeconds: number | null };

export async function resultOf(res: Response, service: string): Promise<DeliveryResult> {
  if (res.ok) return { ok: true, status: res.status };
  const f = await failureOf(service, res);
  return { ok: false, retry: f.retryable, status: f.status, detail: f.detail, retryAfterSeconds: f.retryAfterSeconds };
}

export async function sendOrNetworkError(service: string, send: () => Promise<Response>): Promise<DeliveryResult> {
  try {
    return await resultOf(await send(), service);
  } catch (err) {
    return {
      ok: false,
      retry: true,
      status: null,
      detail: `${service} could not be reached: ${err instanceof Error ? err.message : String(err)}`,
      retryAfterSeconds: null,
    };
  }
}
