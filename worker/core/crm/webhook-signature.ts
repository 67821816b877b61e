// Signatures of inbound CRM webhooks, checked before a body is read as data. HubSpot v3
// (../shared/reference/hubspot/webhook-signature): base64 HMAC-SHA256 with the app's client
// secret over method + URI (with the documented characters URL-decoded) + body + timestamp,
// timestamp in epoch milliseconds, refused when older than 5 minutes. Salesforce has no native
// signature for a relay, so our relay signs the same way (docs/api.md "Webhooks"): base64
// HMAC-SHA256 over `<timestamp>.<body>` in X-Ethico-Signature, timestamp in X-Ethico-Timestamp.
// WebCrypto only: the same code runs in Node (unit tests) and in the Worker.

export const MAX_AGE_MS = 5 * 60_000;

const enc = new TextEncoder();

async function hmacBase64(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
  return btoa(String.fromCharCode(...mac));
}

/** Compares in time independent of where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

const DECODE: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

export function hubspotV3Signature(
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
): Promise<string> {
  const decoded = uri.replace(/%3A|%2F|%3F|%40|%21|%24|%27|%28|%29|%2A|%2C|%3B/gi, (m) => DECODE[m.toUpperCase()]);
  return hmacBase64(secret, `${method}${decoded}${body}${timestamp}`);
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

function fresh(timestamp: string | null, nowMs: number): SignatureCheck | null {
  if (!timestamp) return { ok: false, reason: "the timestamp header is missing" };
  const t = Number(timestamp);
  if (!/^\d{10,16}$/.test(timestamp) || !Number.isFinite(t))
    return { ok: false, reason: "the timestamp is not epoch milliseconds" };
  if (nowMs - t > MAX_AGE_MS) return { ok: false, reason: "the request is older than 5 minutes" };
  if (t - nowMs > MAX_AGE_MS) return { ok: false, reason: "the timestamp is in the future" };
  return null;
}

export async function verifyHubspotV3(
  secret: string,
  req: { method: string; uri: string; body: string; signature: string | null; timestamp: string | null },
  nowMs: number,
): Promise<SignatureCheck> {
  if (!req.signature) return { ok: false, reason: "X-HubSpot-Signature-v3 is missing" };
  const stale = fresh(req.timestamp, nowMs);
  if (stale) return stale;
  const expected = await hubspotV3Signature(secret, req.method, req.uri, req.body, req.timestamp!);
  return constantTimeEqual(expected, req.signature)
    ? { ok: true }
    : { ok: false, reason: "the signature does not match" };
}

export const relaySignature = (secret: string, timestamp: string, body: string) =>
  hmacBase64(secret, `${timestamp}.${body}`);

export async function verifyRelay(
  secret: string,
  req: { body: string; signature: string | null; timestamp: string | null },
  nowMs: number,
): Promise<SignatureCheck> {
  if (!req.signature) return { ok: false, reason: "X-Ethico-Signature is missing" };
  const stale = fresh(req.timestamp, nowMs);
  if (stale) return stale;
  const expected = await relaySignature(secret, req.timestamp!, req.body);
  return constantTimeEqual(expected, req.signature)
    ? { ok: true }
    : { ok: false, reason: "the signature does not match" };
}
