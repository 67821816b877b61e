import { createApi } from "./api/app";
import { consumeAlertDeliveries, consumeDeadDeliveries } from "./jobs/alert-delivery-consumer";
import { runCrmPulls } from "./jobs/crm-pull";
import { consumeCrmDeadLetters, consumeCrmSync } from "./jobs/crm-sync-consumer";
import { consumeEventsBatch, dispatchAlertsOrLeaveForCron } from "./jobs/events-consumer";
import { getDb } from "./db/client";
import { consumeRecalcBatch } from "./jobs/recalc-consumer";
import { DAILY_RETENTION_CRON, runRetention } from "./jobs/retention";
import { wakeSnoozedAlerts } from "./db/queries/alert-inbox";
import { enqueueRecalculation, runWeeklyRetraining, WEEKLY_RETRAIN_CRON } from "./jobs/scheduled";
import { handlePage } from "./page-handler";
import { DEFAULT_CSP, SECURITY_HEADERS } from "./security-headers";

export { AlertStream } from "./durable-objects/alert-stream";

// The one entry of the Worker. Static assets never reach here (wrangler serves build/client first).
const api = createApi();

function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname.startsWith("/webhooks/");
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const { pathname } = new URL(request.url);
    const response = isApiPath(pathname) ? await api.fetch(request, env, ctx) : await handlePage(request, env, ctx);
    // A WebSocket upgrade is handed through as is: copying it would drop the socket.
    if (response.status === 101) return response;
    const secured = new Response(response.body, response);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) secured.headers.set(k, v);
    // A rendered page carries its own policy, with the nonce of its inline scripts.
    if (!secured.headers.has("content-security-policy")) secured.headers.set("content-security-policy", DEFAULT_CSP);
    return secured;
  },

  async scheduled(controller, env, ctx): Promise<void> {
    if (controller.cron === WEEKLY_RETRAIN_CRON) return ctx.waitUntil(runWeeklyRetraining(env));
    if (controller.cron === DAILY_RETENTION_CRON) return ctx.waitUntil(runRetention(env));
    ctx.waitUntil(enqueueRecalculation(env, "hourly"));
    // Anything a failed dispatch left flagged goes out now, at the latest.
    // Ended snoozes wake first, so they go out with it.
    ctx.waitUntil(wakeSnoozedAlerts(getDb(env.DB), new Date().toISOString()).then(() => dispatchAlertsOrLeaveForCron(env, getDb(env.DB))));
    ctx.waitUntil(runCrmPulls(env));
  },

  async queue(batch, env): Promise<void> {
    if (batch.queue === "client-success-recalc") return consumeRecalcBatch(batch, env);
    if (batch.queue === "client-success-events") return consumeEventsBatch(batch, env);
    if (batch.queue === "client-success-alert-delivery") return consumeAlertDeliveries(batch, env);
    if (batch.queue === "client-success-alert-delivery-dlq") return consumeDeadDeliveries(batch, env);
    if (batch.queue === "client-success-crm-sync") return consumeCrmSync(batch, env);
    if (batch.queue === "client-success-crm-sync-dlq") return consumeCrmDeadLetters(batch, env);
    console.error(`Message batch from unknown queue ${batch.queue}; retrying`);
    batch.retryAll();
  },
} satisfies ExportedHandler<Env>;
