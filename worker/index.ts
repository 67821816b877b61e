import { getDb } from "./db/client";
import { wakeSnoozedAlerts } from "./db/queries/alert-inbox";
import { createHttpApp } from "./http-app";
import { consumeAlertDeliveries, consumeDeadDeliveries } from "./jobs/alert-delivery-consumer";
import { runCrmPulls } from "./jobs/crm-pull";
import { consumeCrmDeadLetters, consumeCrmSync } from "./jobs/crm-sync-consumer";
import { consumeEventsBatch } from "./jobs/events-consumer";
import { consumeRecalcBatch } from "./jobs/recalc-consumer";
import { DAILY_RETENTION_CRON, runRetention } from "./jobs/retention";
import { runWeeklyRetraining, WEEKLY_RETRAIN_CRON } from "./jobs/scheduled";
import { createContext } from "./request-context";
import { dispatchAlertsOrLeaveForCron } from "./services/client-changed";
import { enqueueRecalculation } from "./services/health/recalculation-queue";
import { reporting, reportingFetch } from "./services/observability/error-reporter";
import { log } from "./services/observability/log";
import { metricSink, pruneMetrics, queueLagMs, recordMetric } from "./services/observability/metrics";

export { AlertStream } from "./durable-objects/alert-stream";

// The one entry of the Worker. Every handler runs inside the error reporter
// (services/observability/error-reporter.ts): one request id per invocation on every log line,
// and one JSON line for an error nobody handled. fetch is one Hono app for pages and API alike
// (http-app.ts).
const app = createHttpApp();

export default {
  fetch: reportingFetch((request: Request, env: Env, ctx: ExecutionContext) =>
    Promise.resolve(app.fetch(request, env, ctx)),
  ),

  scheduled: reporting(
    "scheduled",
    async (controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> => {
      // A cron run has no request and no user: the same context otherwise, each part of the run
      // deferred under its own label so a failure is reported by name.
      const job = createContext({ env, exec: ctx });
      if (controller.cron === WEEKLY_RETRAIN_CRON) return job.defer(runWeeklyRetraining(env), "scheduled:retraining");
      if (controller.cron === DAILY_RETENTION_CRON) {
        job.defer(runRetention(env), "scheduled:retention");
        job.defer(pruneMetrics(job.db), "scheduled:metrics-retention");
        return;
      }
      job.defer(enqueueRecalculation(env, "hourly"), "scheduled:recalculation");
      // Anything a failed dispatch left flagged goes out now, at the latest.
      // Ended snoozes wake first, so they go out with it.
      job.defer(
        wakeSnoozedAlerts(job.db, job.now.toISOString()).then(() => dispatchAlertsOrLeaveForCron(env, job.db)),
        "scheduled:alert-dispatch",
      );
      job.defer(runCrmPulls(env), "scheduled:crm-pull");
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
