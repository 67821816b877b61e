import type { Db } from "#worker/db/client";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { RequestContext } from "#worker/request-context";

// The Hono environment of every route (its own module so route files need not import app.ts,
// which imports them). The request-context middleware (worker/middleware.ts) sets all three for
// every user-authenticated path; db and user are ctx.db and ctx.user, kept for the routes that
// read them directly.
export type ApiEnv = { Bindings: Env; Variables: { db: Db; user: EthicoUserRow; ctx: RequestContext } };
