import * as v from "valibot";

import { alertEmail, clientLink } from "#worker/core/alerts/alert-messages";
import { quietHoursDelay } from "#worker/core/alerts/alert-settings";
import { type Db, getDb } from "#worker/db/client";
import { deadLetteredDeliveriesSince, findAlertForDelivery } from "#worker/db/queries/alert-delivery";
import { settingsByClient } from "#worker/db/queries/alert-settings";
import { logDelivery } from "#worker/db/queries/alerts";
import { backoffSeconds } from "#worker/integrations/http-failure";
import { sendEmail } from "#worker/integrations/sendgrid";
import { postToSlack } from "#worker/integrations/slack";
import { DELIVERY_MESSAGE } from "#worker/services/alerts/dispatch-alerts";
import { log as logLine } from "#worker/services/observability/log";
import { metricSink, recordMetric } from "#worker/services/observability/metrics";

import { parseMessageOrDrop } from "./messages";

// Sends an alert by email (SendGrid) or Slack, logging every attempt on the alert. A 429 waits
// its Retry-After, a 5xx or network failure backs off (30 s, 60 s, 120 s), and after the third
// retry the queue dead-letters the message, whose consumer records that. A 4xx other than 429
// cannot be fixed by retrying the same request: it is logged as failed for good.

const DeliveryMessageSchema = v.strictObject({
  kind: v.literal(DELIVERY_MESSAGE),
  alert_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  channel: v.picklist(["email", "slack"]),
});

export async function consumeAlertDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    const body = parseMessageOrDrop(message, DeliveryMessageSchema, "alert delivery");
    if (!body) continue;
    try {
      await deliverOne(env, db, message, body);
    } catch (err) {
      logLine.error("Alert delivery crashed; will retry", { message_id: message.id, error: err });
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}

async function deliverOne(
  env: Env,
  db: Db,
  message: Message<unknown>,
  body: v.InferOutput<typeof DeliveryMessageSchema>,
) {
  const now = new Date();
  const at = now.toISOString();
  const found = await findAlertForDelivery(db, body.alert_id);
  const log = (
    status: Parameters<typeof logDelivery>[1]["status"],
    http_status: number | null,
    detail: string | null,
  ) =>
    logDelivery(db, {
      alert_id: body.alert_id,
      channel: body.channel,
      attempt: message.attempts,
      status,
      http_status,
      detail,
      at,
    });
  if (!found) {
    logLine.warn("Alert to deliver no longer exists", { alert_id: body.alert_id });
    message.ack();
    return;
  }
  // Settings may have changed since the alert was queued: quiet hours are checked again.
  const settings = (await settingsByClient(db, [found.client_id]))(found.client_id);
  const quiet = quietHoursDelay(now, settings.quiet_hours);
  if (quiet) {
    await env.ALERT_DELIVERY_QUEUE.send(body, { delaySeconds: quiet.delaySeconds });
    await log("DEFERRED_QUIET_HOURS", null, `Quiet hours until ${quiet.until.toISOString()}`);
    message.ack();
    return;
  }
  const result =
    body.channel === "email"
      ? found.csm_email && env.SENDGRID_API_KEY
        ? await sendEmail(
            { baseUrl: env.SENDGRID_BASE_URL, apiKey: env.SENDGRID_API_KEY },
            {
              to: { email: found.csm_email, name: found.csm_name ?? found.csm_email },
              from: env.ALERT_EMAIL_FROM,
              categories: ["client-success-alert"],
              ...alertEmail(found, env.APP_BASE_URL, found.csm_name ?? ""),
            },
          )
        : null
      : env.SLACK_WEBHOOK_URL
        ? await postToSlack(env.SLACK_WEBHOOK_URL, {
            title: found.title,
            severity: found.severity,
            client: found.client_name,
            description: found.description,
            analysis: found.ai_analysis,
            action: found.ai_recommended_action,
            url: clientLink(env.APP_BASE_URL, found.client_id),
          })
        : null;
  if (!result) {
    await log(
      "SKIPPED_NOT_CONFIGURED",
      null,
      body.channel === "email" ? "No SendGrid key or no CSM email address" : "SLACK_WEBHOOK_URL is not set",
    );
    message.ack();
  } else if (result.ok) {
    await log("SENT", result.status, null);
    message.ack();
  } else if (result.retry) {
    const delay = result.retryAfterSeconds ?? backoffSeconds(message.attempts);
    await log("FAILED_RETRYING", result.status, `${result.detail}; retrying in ${delay} s`);
    message.retry({ delaySeconds: delay });
  } else {
    await log("FAILED", result.status, result.detail);
    message.ack();
  }
}

/** The dead-letter queue's consumer: the last word on a delivery that never got through. */
export async function consumeDeadDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    const body = parseMessageOrDrop(message, DeliveryMessageSchema, "dead-lettered alert delivery");
    if (!body) continue;
    await logDelivery(db, {
      alert_id: body.alert_id,
      channel: body.channel,
      attempt: message.attempts,
      status: "DEAD_LETTERED",
      http_status: null,
      detail: "Gave up after 3 retries; the alert stays in the app",
      at: new Date().toISOString(),
    });
    message.ack();
  }
  // Dead-letter depth: deliveries given up on in the last 24 hours (the queue itself is drained
  // at once; what an operator wants to see is how many alerts never reached their channel).
  await recordMetric(
    metricSink(env, db),
    "dead_letter_depth",
    await deadLetteredDeliveriesSince(db, new Date(Date.now() - 86_400_000)),
    batch.queue,
  );
}
