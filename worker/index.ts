import { createApi } from "./api/app";
import { AppError } from "./core/errors";
import { consumeAlertDeliveries, consumeDeadDeliveries } from "./jobs/alert-delivery-consumer";
import { runCrmPulls } from "./jobs/crm-pull";
import { consumeCrmDeadLetters, consumeCrmSync } from "./jobs/crm-sync-consumer";
import { consumeEventsBatch, dispatchAlertsOrLeaveForCron } from "./jobs/events-consumer";
import { getDb } from "./db/client";
import { consumeRecalcBatch } from "./jobs/recalc-consumer";
import { DAILY_RETENTION_CRON, runRetention } from "./jobs/retention";
import { wakeSnoozedAlerts } from "./db/queries/alert-inbox";
import { enqueueRecalculation, runWeeklyRetraining, WEEKLY_RETRAIN_CRON } from "./jobs/scheduled";
import { errorPage, handlePage } from "./page-handler";
import { crossSiteRefusal } from "./request-guard";
import { DEFAULT_CSP, privacyHeaders, SECURITY_HEADERS } from "./security-headers";
import { reported, reporting, reportingFetch } from "./services/observability/error-reporter";
import { log } from "./services/observability/log";
import { metricSink, pruneMetrics, queueLagMs, recordMetric } from "./services/observability/metrics";

export { AlertStream } from "./durable-objects/alert-stream";

// The one entry of the Worker. Static assets never reach here (wrangler serves build/client first).
// Every handler runs inside the error reporter (services/observability/error-reporter.ts): one
// request id per invocation on every log line, and one JSON line for an error nobody handled.
const api = createApi();

function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname.startsWith("/webhooks/");
}

function refusal(err: AppError, apiPath: boolean): Response {
  if (!apiPath) return errorPage(err);
  return new Response(JSON.stringify(err.toBody()), { status: err.status, headers: { "content-type": "application/json; charset=utf-8" } });
}

async function handleFetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  const apiPath = isApiPath(url.pathname);
  // CSRF defence before identity or any handler (request-guard.ts).
  const refused = crossSiteRefusal(request);
  if (refused) log.warn("Write refused before routing", { code: refused.code, method: request.method, path: url.pathname.slice(0, 200), details: refused.details });
  const response = refused ? refusal(refused, apiPath) : apiPath ? await api.fetch(request, env, ctx) : await handlePage(request, env, ctx);
  // A WebSocket upgrade is handed through as is: copying it would drop the socket.
  if (response.status === 101) return response;
  const secured = new Response(response.body, response);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) secured.headers.set(k, v);
  for (const [k, v] of Object.entries(privacyHeaders(url))) secured.headers.set(k, v);
  // A rendered page carries its own policy, with the nonce of its inline scripts.
  if (!secured.headers.has("content-security-policy")) secured.headers.set("content-security-policy", DEFAULT_CSP);
  return secured;
}

export default {
  fetch: reportingFetch(handleFetch),

  scheduled: reporting(
    "scheduled",
    async (controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> => {
      if (controller.cron === WEEKLY_RETRAIN_CRON) return ctx.waitUntil(reported(runWeeklyRetraining(env), "scheduled:retraining"));
      if (controller.cron === DAILY_RETENTION_CRON) {
        ctx.waitUntil(reported(runRetention(env), "scheduled:retention"));
        ctx.waitUntil(reported(pruneMetrics(getDb(env.DB)), "scheduled:metrics-retention"));
        return;
      }
      ctx.waitUntil(reported(enqueueRecalculation(env, "hourly"), "scheduled:recalculation"));
      // Anything a failed dispatch left flagged goes out now, at the latest.
      // Ended snoozes wake first, so they go out with it.
      const db = getDb(env.DB);
      ctx.waitUntil(reported(wakeSnoozedAlerts(db, new Date().toISOString()).then(() => dispatchAlertsOrLeaveForCron(env, db)), "scheduled:alert-dispatch"));
      ctx.waitUntil(reported(runCrmPulls(env), "scheduled:crm-pull"));
    },
    (controller) => ({ cron: controller.cron }),
  ),

  queue: reporting(
    "queue",
    async (batch: MessageBatch<unknown>, env: Env): Promise<void> => {
      // Queue lag of every consumer: how long the oldest message of the batch waited.
      const lag = queueLagMs(batch);
      if (lag !== null) await recordMetric(metricSink(env, getDb(env.DB)), "queue_lag_ms", lag, batch.queue);
      if (batch.queue === "client-success-recalc") return consumeRecalcBatch(batch, env);
      if (batch.queue === "client-success-events") return consumeEventsBatch(batch, env);
      if (batch.queue === "client-success-alert-delivery") return consumeAlertDeliveries(batch, env);
      if (batch.queue === "client-success-alert-delivery-dlq") return consumeDeadDeliveries(batch, env);
      if (batch.queue === "client-success-crm-sync") return consumeCrmSync(batch, env);
      if (batch.queue === "client-success-crm-sync-dlq") return consumeCrmDeadLetters(batch, env);
      log.error("Message batch from unknown queue; retrying", { queue: batch.queue });
      batch.retryAll();
    },
    (batch) => ({ queue: batch.queue, messages: batch.messages.length }),
  ),
} satisfies ExportedHandler<Env>;
