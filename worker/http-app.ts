import { Hono } from "hono";

import { createApi } from "./api/app";
import type { ApiEnv } from "./api/context";
import { DEV_SIGN_IN_PATH } from "./dev-sign-in";
import { apiBodyLimit, apiNotFound, onError, requestContext, requestGuard, responseHeaders } from "./middleware";
import { devSignIn, remixPage } from "./page-handler";

/**
 * Everything fetch answers, pages and API alike, through one middleware chain (the shape of
 * Cloudflare's React Router + Hono template): headers, CSRF guard, body limit, then the
 * service-token and signature routes, identity and the request context, the API's routes, and
 * Remix as the catch-all. Static assets never reach here (wrangler serves build/client first).
 */
export function createHttpApp() {
  const app = new Hono<ApiEnv>();
  app.use("*", responseHeaders);
  app.use("*", requestGuard);
  app.use("*", apiBodyLimit);
  app.all(DEV_SIGN_IN_PATH, devSignIn);
  app.use("*", requestContext);
  app.route("/", createApi());
  app.all("*", apiNotFound, remixPage);
  app.onError(onError);
  return app;
}
