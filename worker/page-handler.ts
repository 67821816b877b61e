// server-runtime (ESM) rather than @remix-run/cloudflare (CJS only): the same handler, and it loads
// under the workerd test runner too. Cookies/sessions are not used, so nothing platform-specific is lost.
import { createRequestHandler, type ServerBuild } from "@remix-run/server-runtime";
import * as build from "remix-server-build";
import { AppError } from "./core/errors";
import { getDb } from "./db/client";
import { traceableD1 } from "./db/sql-trace";
import { newNonce } from "./security-headers";
import { authenticate, isLocalDevMode } from "./services/identity";

const handleRemix = createRequestHandler(build as unknown as ServerBuild, "production");

/** Pages: the same identity as the API, then Remix with env, the db and the user in context. */
export async function handlePage(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const db = getDb(traceableD1(env.DB, request, isLocalDevMode(env)));
  let user;
  try {
    user = await authenticate(request, env, db);
  } catch (err) {
    if (err instanceof AppError) return errorPage(err);
    throw err;
  }
  return handleRemix(request, { cloudflare: { env, ctx }, db, user, localDevMode: isLocalDevMode(env), nonce: newNonce() });
}

function errorPage(err: AppError): Response {
  const title = err.status === 401 ? "Sign-in required" : "No access";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${escapeHtml(err.message)}</p></body></html>`;
  return new Response(body, { status: err.status, headers: { "content-type": "text/html; charset=utf-8" } });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
