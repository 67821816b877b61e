// server-runtime (ESM) rather than @remix-run/cloudflare (CJS only): the same handler, and it loads
// under the workerd test runner too. Cookies/sessions are not used, so nothing platform-specific is lost.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { createRequestHandler, type ServerBuild } from "@remix-run/server-runtime";
import type { Context } from "hono";
import * as build from "remix-server-build";

import type { ApiEnv } from "./api/context";
import { type AppError } from "./core/errors";
import { getDb } from "./db/client";
import { traceableD1 } from "./db/sql-trace";
import { handleDevSignIn } from "./dev-sign-in";
import { newNonce } from "./security-headers";
import { isLocalDevMode } from "./services/identity";

const handleRemix = createRequestHandler(build as unknown as ServerBuild, "production");

/**
 * What every loader and action receives (worker/load-context.ts): the request context the
 * middleware built (ctx), and the same parts under the names app/ code has always read.
 */
export function getLoadContext(c: Context<ApiEnv>): AppLoadContext {
  const ctx = c.var.ctx;
  // Hono types the ExecutionContext by its own, smaller interface; it is the platform's.
  return {
    cloudflare: { env: c.env, ctx: c.executionCtx as ExecutionContext },
    db: ctx.db,
    user: ctx.user,
    ctx,
    localDevMode: isLocalDevMode(c.env),
    nonce: newNonce(),
  };
}

/** Pages: Remix, mounted as the catch-all after the middleware chain (worker/http-app.ts). */
export const remixPage = (c: Context<ApiEnv>) => handleRemix(c.req.raw, getLoadContext(c));

/** Local development's sign-in form, before identity (nobody is signed in yet). */
export const devSignIn = (c: Context<ApiEnv>) =>
  handleDevSignIn(c.req.raw, c.env, getDb(traceableD1(c.env.DB, c.req.raw, isLocalDevMode(c.env))));

export function errorPage(err: AppError): Response {
  const title = err.status === 401 ? "Sign-in required" : err.status === 415 ? "Unsupported form" : "No access";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${escapeHtml(err.message)}</p></body></html>`;
  return new Response(body, { status: err.status, headers: { "content-type": "text/html; charset=utf-8" } });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
