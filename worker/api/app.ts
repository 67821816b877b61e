import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { reportError } from "../services/observability/error-reporter";
import { AppError } from "../core/errors";
import { getDb, type Db } from "../db/client";
import { traceableD1 } from "../db/sql-trace";
import type { EthicoUserRow } from "../db/queries/users";
import { authenticate, isLocalDevMode } from "../services/identity";
import { activityRoutes, clientActivityRoutes, taskRoutes } from "./routes/activities";
import { analyticsRoutes } from "./routes/analytics";
import { auditRoutes } from "./routes/audit";
import { benchmarkRoutes, clientBenchmarkRoutes } from "./routes/benchmarks";
import { clientRoutes } from "./routes/clients";
import { configRoutes } from "./routes/config";
import { eventRoutes } from "./routes/events";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { retentionRoutes } from "./routes/retention";
import { clientNotesContactsRoutes, contactRoutes, noteRoutes } from "./routes/notes-contacts";
import { savedViewRoutes } from "./routes/saved-views";
import { usageRoutes } from "./routes/usage";
import { churnAnalyticsRoutes, clientChurnRoutes } from "./routes/churn";
import { aiRoutes, clientAiRoutes } from "./routes/ai";
import { aiHealthRoutes } from "./routes/ai-health";
import { alertConfigRoutes, alertRoutes, clientAlertRoutes } from "./routes/alerts";
import { clientSyncRoutes, crmRoutes, syncRoutes } from "./routes/crm";
import { webhookRoutes } from "./routes/webhooks";
import { systemRoutes } from "./routes/system";

export type ApiEnv = { Bindings: Env; Variables: { db: Db; user: EthicoUserRow } };

const API_PREFIX = "/api/v1/client-success";
export const MAX_REQUEST_BYTES = 1_048_576;

export function createApi() {
  const app = new Hono<ApiEnv>();

  // No body over 1 MiB (the largest any route takes: an event batch, a CRM webhook) is read at
  // all, counted in bytes as it streams; routes set tighter limits of their own (api/body.ts).
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: (c) => c.json(new AppError("PAYLOAD_TOO_LARGE", "Body is too large", [{ field: "body", message: `at most ${MAX_REQUEST_BYTES} bytes` }]).toBody(), 413),
    }),
  );

  app.route(`${API_PREFIX}/events`, eventRoutes);
  // CRM webhooks authenticate by their signature, not by a user (routes/webhooks.ts).
  app.route("/webhooks", webhookRoutes);

  const api = new Hono<ApiEnv>();
  api.use("*", async (c, next) => {
    if (c.req.path === `${API_PREFIX}/events`) return next(); // service-token route, handled above
    const db = getDb(traceableD1(c.env.DB, c.req.raw, isLocalDevMode(c.env)));
    c.set("db", db);
    c.set("user", await authenticate(c.req.raw, c.env, db));
    await next();
  });
  api.route("/clients", clientRoutes);
  api.route("/clients", healthRoutes);
  api.route("/clients", usageRoutes);
  api.route("/clients", clientActivityRoutes);
  api.route("/activities", activityRoutes);
  api.route("/tasks", taskRoutes);
  api.route("/clients", clientNotesContactsRoutes);
  api.route("/contacts", contactRoutes);
  api.route("/notes", noteRoutes);
  api.route("/clients", clientBenchmarkRoutes);
  api.route("/benchmarks", benchmarkRoutes);
  api.route("/clients", clientChurnRoutes);
  api.route("/clients", clientAiRoutes);
  api.route("/analytics", churnAnalyticsRoutes);
  api.route("/analytics", analyticsRoutes);
  api.route("/ai", aiRoutes);
  api.route("/alerts", alertRoutes);
  api.route("/crm", crmRoutes);
  api.route("/sync", syncRoutes);
  api.route("/clients", clientSyncRoutes);
  api.route("/clients", clientAlertRoutes);
  api.route("/config", alertConfigRoutes);
  api.route("/me", meRoutes);
  api.route("/retention", retentionRoutes);
  api.route("/audit", auditRoutes);
  api.route("/system/ai", aiHealthRoutes);
  api.route("/views", savedViewRoutes);
  api.route("/config", configRoutes);
  api.route("/system", systemRoutes);
  app.route(API_PREFIX, api);

  app.notFound((c) =>
    c.json(new AppError("NOT_FOUND", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`).toBody(), 404),
  );
  app.onError((err, c) => {
    if (err instanceof AppError) {
      const retry = err.code === "RATE_LIMITED" ? (err.details as { retry_after_seconds?: number } | null)?.retry_after_seconds : undefined;
      return c.json(err.toBody(), err.status as 400, retry ? { "Retry-After": String(retry) } : undefined);
    }
    // Unexpected: reported for operators (one JSON line with the request id), answered without internals.
    reportError(err, "api", { method: c.req.method, path: c.req.path.slice(0, 200) });
    return c.json(new AppError("INTERNAL", "Something went wrong on our side").toBody(), 500);
  });
  return app;
}
