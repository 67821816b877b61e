import { type Db, getDb } from "./db/client";
import type { EthicoUserRow } from "./db/queries/users";
import { reported } from "./services/observability/error-reporter";

// The one context a use case runs in (docs/decisions/023-request-context-and-follow-ups.md).
// A request's is built once by the request-context middleware (worker/middleware.ts) and reaches
// API routes as c.var.ctx and Remix loaders and actions as context.ctx; cron and queue handlers
// build theirs with the same factory, without a user.

/** What work needs whoever asked for it: the database, the bindings, one clock, follow-ups. */
export interface AppContext {
  db: Db;
  env: Env;
  /** Taken once: every write and audit row of the request (or cron run) carries the same instant. */
  now: Date;
  /**
   * Runs `work` after the answer (ctx.waitUntil). A rejection is reported as one error line
   * naming `label` (services/observability/error-reporter.ts), never dropped silently.
   */
  defer(work: Promise<unknown>, label: string): void;
}

/** A signed-in user's request: the same, and who is asking. */
export interface RequestContext extends AppContext {
  user: EthicoUserRow;
}

interface Parts {
  env: Env;
  /** The invocation's ExecutionContext (fetch, scheduled or queue). */
  exec: Pick<ExecutionContext, "waitUntil">;
  db?: Db;
  now?: Date;
}

export function createContext(parts: Parts): AppContext;
export function createContext(parts: Parts & { user: EthicoUserRow }): RequestContext;
export function createContext(parts: Parts & { user?: EthicoUserRow }): AppContext | RequestContext {
  const { env, exec } = parts;
  const base: AppContext = {
    db: parts.db ?? getDb(env.DB),
    env,
    now: parts.now ?? new Date(),
    defer: (work, label) => exec.waitUntil(reported(work, label)),
  };
  return parts.user ? { ...base, user: parts.user } : base;
}
