import type { Db } from "./db/client";
import type { EthicoUserRow } from "./db/queries/users";
import type { RequestContext } from "./request-context";

// What every Remix loader and action receives (worker/page-handler.ts builds it).
declare module "@remix-run/cloudflare" {
  interface AppLoadContext {
    cloudflare: { env: Env; ctx: ExecutionContext };
    db: Db;
    user: EthicoUserRow;
    /** The request context (worker/request-context.ts): db and user above are its parts. */
    ctx: RequestContext;
    localDevMode: boolean;
    /** The CSP nonce of this page's inline scripts (worker/security-headers.ts). */
    nonce: string;
  }
}
export {};

// Single fetch is on (vite.config.ts); this makes useLoaderData types follow it.
declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
