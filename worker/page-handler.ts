// server-runtime (ESM) rather than @remix-run/cloudflare (CJS only): the same handler, and it loads
// under the workerd test runner too. Cookies/sessions are not used, so nothing platform-specific is lost.
import { createRequestHandler, type ServerBuild } from "@remix-run/server-runtime";
import * as build from "remix-server-build";
import { AppError } from "./core/errors";
import { getDb } from "./db/client";
import { traceableD1 } from "./db/sql-trace";
import { newNonce } from "./security-headers";
import { DEV_SIGN_IN_PATH, handleDevSignIn, signInChoicePage } from "./dev-sign-in";
import { authenticate, devIdentityAllowed, isLocalDevMode } from "./services/identity";

const handleRemix = createRequestHandler(build as unknown as ServerBuild, "production");

/** Pages: the same identity as the API, then Remix with env, the db and the user in context. */
export async function handlePage(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const db = getDb(traceableD1(env.DB, request, isLocalDevMode(env)));
  const url = new URL(request.url);
  if (url.pathname === DEV_SIGN_IN_PATH) return handleDevSignIn(request, env, db);
  let user;
  try {
    user = await authenticate(request, env, db);
  } catch (err) {
    // Local development with no one signed in: the choice of seeded users, then back here.
    if (err instanceof AppError && err.code === "UNAUTHENTICATED" && devIdentityAllowed(env, request)) {
      return signInChoicePage(db, request.method === "GET" ? `${url.pathname}${url.search}` : "/");
    }
    if (err instanceof AppError) return errorPage(err);
    throw err;
  }
  return handleRemix(request, { cloudflare: { env, ctx }, db, user, localDevMode: isLocalDevMode(env), nonce: newNonce() });
}

export function errorPage(err: AppError): Response {
  const title = err.status === 401 ? "Sign-in required" : err.status === 415 ? "Unsupported form" : "No access";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${escapeHtml(err.message)}</p></body></html>`;
  return new Response(body, { status: err.status, headers: { "content-type": "text/html; charset=utf-8" } });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
