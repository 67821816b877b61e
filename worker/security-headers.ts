// Response headers against framing, MIME sniffing, referrer leaks and injected script (issue 8:
// CSP, frame-ancestors, nosniff, referrer policy). Pages get a CSP whose only inline scripts are
// those carrying the request's nonce (Remix's own); everything else (API JSON, redirects, data
// requests, error pages) a CSP that loads nothing.

export const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

/** For responses that are not a rendered page. Inline style only, for the plain error pages. */
export const DEFAULT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** For rendered pages: scripts from this origin or with the nonce; styles may be inline (charts' SVG). */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 16 random bytes, base64: a new one for every page. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Headers every response of the Worker carries besides SECURITY_HEADERS (static assets never
 * reach it): everything it answers is private to a signed-in user (JSON, CSV, pages), so no
 * browser or shared cache keeps a copy; and HTTPS is pinned for two years once seen over HTTPS.
 */
export function privacyHeaders(url: URL): Record<string, string> {
  const h: Record<string, string> = { "cache-control": "no-store" };
  if (url.protocol === "https:") h["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return h;
}
