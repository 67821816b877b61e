import { Hono } from "hono";

import type { ApiEnv } from "./context";
import { activityRoutes, clientActivityRoutes, taskRoutes } from "./routes/activities";
import { aiRoutes, clientAiRoutes } from "./routes/ai";
import { aiHealthRoutes } from "./routes/ai-health";
import { alertConfigRoutes, alertRoutes, clientAlertRoutes } from "./routes/alerts";
import { analyticsRoutes } from "./routes/analytics";
import { auditRoutes } from "./routes/audit";
import { benchmarkRoutes, clientBenchmarkRoutes } from "./routes/benchmarks";
import { churnAnalyticsRoutes, clientChurnRoutes } from "./routes/churn";
import { clientRoutes } from "./routes/clients";
import { configRoutes } from "./routes/config";
import { clientSyncRoutes, crmRoutes, syncRoutes } from "./routes/crm";
import { eventRoutes } from "./routes/events";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { clientNotesContactsRoutes, contactRoutes, noteRoutes } from "./routes/notes-contacts";
import { retentionRoutes } from "./routes/retention";
import { savedViewRoutes } from "./routes/saved-views";
import { systemRoutes } from "./routes/system";
import { usageRoutes } from "./routes/usage";
import { webhookRoutes } from "./routes/webhooks";

export const API_PREFIX = "/api/v1/client-success";

/**
 * The API's route table. Body limit, request guard, identity and errors are the Worker's one
 * middleware chain (worker/http-app.ts), shared with the pages; this only says which path goes
 * where (and the access matrix enumerates it: test/access-matrix.test.ts).
 */
export function createApi() {
  const app = new Hono<ApiEnv>();

  app.route(`${API_PREFIX}/events`, eventRoutes);
  // CRM webhooks authenticate by their signature, not by a user (routes/webhooks.ts).
  app.route("/webhooks", webhookRoutes);

  // Everything below has a signed-in user: the request-context middleware authenticated it.
  const api = new Hono<ApiEnv>();
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

  return app;
}
