import { AppError } from "./core/errors";

// CSRF defence for every state-changing request (issue 20, point 4), before identity or routing:
// - a browser on another site cannot make a write count. Browsers send Origin on every
//   cross-origin POST/PUT/DELETE and Sec-Fetch-Site on every request: either one that is not
//   this origin is refused (403 CROSS_SITE_REQUEST), in every mode, local included. A request with
//   neither (curl, a server, the platform's event feed) is no browser's: it goes on to the normal
//   identity rules (Access in production, a loopback host in local development).
// - the body must be what the route reads: JSON for the API, a form or JSON for pages (Remix
//   actions). text/plain, the one body type an HTML form can send cross-site without a CORS
//   preflight, is refused (415), so is a write with a body and no Content-Type.
// CRM webhooks authenticate by their signature and are called by CRM servers: exempt from Origin.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const API_TYPES = new Set(["application/json"]);
const PAGE_TYPES = new Set(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

function hasBody(request: Request): boolean {
  return request.body !== null && request.headers.get("content-length") !== "0";
}

/** The refusal for a request that must not reach a handler, or null when it may go on. */
export function crossSiteRefusal(request: Request): AppError | null {
  if (!isStateChanging(request.method)) return null;
  const url = new URL(request.url);
  if (url.pathname.startsWith("/webhooks/")) return null;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== url.origin) {
    return new AppError("CROSS_SITE_REQUEST", "Cross-site request refused: its Origin is not this site", {
      origin: origin.slice(0, 200),
    });
  }
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return new AppError(
      "CROSS_SITE_REQUEST",
      "Cross-site request refused: the browser says it comes from another site",
      { sec_fetch_site: site.slice(0, 40) },
    );
  }
  const type = mediaType(request);
  const allowed = url.pathname.startsWith("/api/") ? API_TYPES : PAGE_TYPES;
  if (type === "" ? hasBody(request) : !allowed.has(type)) {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", `A ${request.method} here must send ${[...allowed].join(" or ")}`, {
      content_type: type.slice(0, 100) || null,
    });
  }
  return null;
}
