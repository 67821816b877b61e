import type { ErrorHandler, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

import { API_PREFIX } from "./api/app";
import type { ApiEnv } from "./api/context";
import { AppError } from "./core/errors";
import { getDb } from "./db/client";
import { traceableD1 } from "./db/sql-trace";
import { signInChoicePage } from "./dev-sign-in";
import { errorPage } from "./page-handler";
import { createContext } from "./request-context";
import { crossSiteRefusal } from "./request-guard";
import { DEFAULT_CSP, privacyHeaders, SECURITY_HEADERS } from "./security-headers";
import { authenticate, devIdentityAllowed, isLocalDevMode } from "./services/identity";
import { reportError } from "./services/observability/error-reporter";
import { log } from "./services/observability/log";

// The Worker's one middleware chain, for pages and API alike (worker/http-app.ts puts them in
// order). What differs by kind of path is only the shape of an error: JSON
// {error:{code,message,details}} for the API and webhooks, the HTML error page for pages.

export const MAX_REQUEST_BYTES = 1_048_576;

/** Paths answered in JSON: the API (any /api/ path) and the CRM webhooks. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname.startsWith("/webhooks/");
}

const pathOf = (url: string) => new URL(url).pathname;

/**
 * Paths that authenticate by something other than a user: the platform's event feed (service
 * token) and CRM webhooks (signature), and /api/ paths outside the API, which only 404. They get
 * no request context; everything else gets one, or a refusal.
 */
function withoutUser(pathname: string): boolean {
  if (pathname.startsWith("/webhooks/") || pathname === `${API_PREFIX}/events`) return true;
  return pathname.startsWith("/api/") && pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`);
}

/** Security and privacy headers on every answer (a page's own CSP, with its nonce, is kept). */
export const responseHeaders: MiddlewareHandler<ApiEnv> = async (c, next) => {
  await next();
  // A WebSocket upgrade is handed through as is: copying it would drop the socket.
  if (c.res.status === 101) return;
  const secured = new Response(c.res.body, c.res);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) secured.headers.set(k, v);
  for (const [k, v] of Object.entries(privacyHeaders(new URL(c.req.url)))) secured.headers.set(k, v);
  if (!secured.headers.has("content-security-policy")) secured.headers.set("content-security-policy", DEFAULT_CSP);
  // Cleared first: Hono would otherwise copy the old response's headers over these.
  c.res = undefined;
  c.res = secured;
};

/** CSRF defence (request-guard.ts) before identity or any handler. */
export const requestGuard: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const refused = crossSiteRefusal(c.req.raw);
  if (!refused) return next();
  const path = pathOf(c.req.url);
  log.warn("Write refused before routing", {
    code: refused.code,
    method: c.req.method,
    path: path.slice(0, 200),
    details: refused.details,
  });
  if (!isApiPath(path)) return errorPage(refused);
  return new Response(JSON.stringify(refused.toBody()), {
    status: refused.status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
};

const apiLimit = bodyLimit({
  maxSize: MAX_REQUEST_BYTES,
  onError: (c) =>
    c.json(
      new AppError("PAYLOAD_TOO_LARGE", "Body is too large", [
        { field: "body", message: `at most ${MAX_REQUEST_BYTES} bytes` },
      ]).toBody(),
      413,
    ),
});

/**
 * No API body over 1 MiB (the largest any route takes: an event batch, a CRM webhook) is read at
 * all, counted in bytes as it streams; routes set tighter limits of their own (api/body.ts).
 */
export const apiBodyLimit: MiddlewareHandler<ApiEnv> = (c, next) =>
  isApiPath(pathOf(c.req.url)) ? apiLimit(c, next) : next();

/**
 * The request context, built once: the database, who is asking (401/403 refused and audited by
 * authenticate), the request's clock and its follow-ups. A page with nobody signed in during
 * local development shows the choice of seeded users instead of an error.
 */
export const requestContext: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const path = pathOf(c.req.url);
  if (withoutUser(path)) return next();
  const db = getDb(traceableD1(c.env.DB, c.req.raw, isLocalDevMode(c.env)));
  let user;
  try {
    user = await authenticate(c.req.raw, c.env, db);
  } catch (err) {
    const page = !isApiPath(path);
    if (page && err instanceof AppError && err.code === "UNAUTHENTICATED" && devIdentityAllowed(c.env, c.req.raw)) {
      return signInChoicePage(db, c.req.method === "GET" ? `${path}${new URL(c.req.url).search}` : "/");
    }
    throw err;
  }
  const ctx = createContext({ env: c.env, exec: c.executionCtx, db, user });
  c.set("ctx", ctx);
  c.set("db", db);
  c.set("user", user);
  await next();
};

/** JSON 404 for a path under /api/ or /webhooks/ that no route took; pages go on to Remix. */
export const apiNotFound: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const path = pathOf(c.req.url);
  if (!isApiPath(path)) return next();
  return c.json(new AppError("NOT_FOUND", `No route for ${c.req.method} ${path}`).toBody(), 404);
};

/**
 * An AppError is answered with its status (JSON or the error page); anything else is reported
 * (one JSON line with the request id) and answered without internals. A page's unexpected error
 * goes on to the Worker's error reporter, which answers the same 500.
 */
export const onError: ErrorHandler<ApiEnv> = (err, c) => {
  if (!isApiPath(pathOf(c.req.url))) {
    if (err instanceof AppError) return errorPage(err);
    throw err;
  }
  if (err instanceof AppError) {
    const retry =
      err.code === "RATE_LIMITED"
        ? (err.details as { retry_after_seconds?: number } | null)?.retry_after_seconds
        : undefined;
    return c.json(err.toBody(), err.status as 400, retry ? { "Retry-After": String(retry) } : undefined);
  }
  reportError(err, "api", { method: c.req.method, path: c.req.path.slice(0, 200) });
  return c.json(new AppError("INTERNAL", "Something went wrong on our side").toBody(), 500);
};
