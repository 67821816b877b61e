// Where a "redirect_to" may send the browser: a path on this site, nothing else. Browsers read
// "/\evil.example" and "/\t/evil.example" as "//evil.example" (another host), so a backslash or
// a control character anywhere refuses the target, and the result is re-derived from a parse
// against a fixed origin rather than trusted as written.

const BASE = "http://same-origin.invalid";

export function safeRedirectTarget(target: string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  if (!target.startsWith("/") || target.startsWith("//")) return fallback;
  // Control characters are exactly what this refuses.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
