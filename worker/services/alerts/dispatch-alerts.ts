import { isMuted, quietHoursDelay } from "#worker/core/alerts/alert-settings";
import { isoDate } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import { settingsByClient } from "#worker/db/queries/alert-settings";
import { clearDeliveryPending, clearStreamPending, setAlertAnalysis } from "#worker/db/queries/alert-writes";
import { type AlertWithClient, deliveryPending, logDelivery, streamPending } from "#worker/db/queries/alerts";
import { type AiEnv, generateText } from "#worker/services/ai/provider";

import { streamTargets, toApiAlert } from "./alert-view";

// The alerts outbox: what evaluation and the workflow flagged goes out here, to the live
// streams (every change) and to email and Slack delivery (new alerts and ended snoozes). A flag
// is cleared only if the alert did not change meanwhile, so nothing is lost; whatever a failure
// leaves flagged goes out on the next dispatch (the hourly cron at the latest).

type DispatchEnv = Pick<Env, "ALERT_STREAMS" | "ALERT_DELIVERY_QUEUE" | "SENDGRID_API_KEY" | "SLACK_WEBHOOK_URL"> &
  AiEnv;

/** New alerts whose analysis Workers AI rewords per dispatch (the rest keep the local analysis). */
const AI_ANALYSES_PER_DISPATCH = 20;

export const DELIVERY_MESSAGE = "deliver_alert";
export interface DeliveryMessage {
  kind: typeof DELIVERY_MESSAGE;
  alert_id: string;
  channel: "email" | "slack";
}

export async function dispatchAlerts(
  env: DispatchEnv,
  db: Db,
  now: Date,
): Promise<{ streamed: number; queued: number }> {
  const today = isoDate(now);
  const pending = await streamPending(db, 500);
  if (env.AI && env.AI_TEXT_MODEL)
    await rewordAnalyses(
      env,
      db,
      pending.filter((r) => r.alert.delivery_pending && r.alert.status === "NEW").slice(0, AI_ANALYSES_PER_DISPATCH),
    );
  const byTarget = new Map<string, unknown[]>();
  for (const r of pending)
    for (const t of streamTargets(r))
      byTarget.set(t, [...(byTarget.get(t) ?? []), toApiAlert(r, today, now.toISOString())]);
  await Promise.all(
    [...byTarget].map(([target, alerts]) =>
      env.ALERT_STREAMS.get(env.ALERT_STREAMS.idFromName(target)).publish(alerts),
    ),
  );
  for (const r of pending) await clearStreamPending(db, r.alert.id, r.alert.updated_at);

  const toDeliver = await deliveryPending(db, 200);
  let queued = 0;
  if (toDeliver.length) {
    const settings = await settingsByClient(db, [...new Set(toDeliver.map((r) => r.alert.client_id))]);
    const stamp = now.toISOString();
    for (const r of toDeliver) {
      const s = settings(r.alert.client_id);
      for (const channel of s.types[r.alert.alert_type].channels.filter(
        (c): c is "email" | "slack" => c !== "in_app",
      )) {
        const log = (status: Parameters<typeof logDelivery>[1]["status"], detail: string | null) =>
          logDelivery(db, { alert_id: r.alert.id, channel, attempt: 0, status, detail, at: stamp });
        if (isMuted(s, today)) await log("SKIPPED_MUTED", `The client is muted until ${s.muted_until}`);
        else if (channel === "email" && !env.SENDGRID_API_KEY)
          await log("SKIPPED_NOT_CONFIGURED", "SENDGRID_API_KEY is not set");
        else if (channel === "slack" && !env.SLACK_WEBHOOK_URL)
          await log("SKIPPED_NOT_CONFIGURED", "SLACK_WEBHOOK_URL is not set");
        else {
          const quiet = quietHoursDelay(now, s.quiet_hours);
          await env.ALERT_DELIVERY_QUEUE.send(
            { kind: DELIVERY_MESSAGE, alert_id: r.alert.id, channel } satisfies DeliveryMessage,
            quiet ? { delaySeconds: quiet.delaySeconds } : undefined,
          );
          await log(
            quiet ? "DEFERRED_QUIET_HOURS" : "QUEUED",
            quiet ? `Quiet hours until ${quiet.until.toISOString()}` : null,
          );
          queued += 1;
        }
      }
      await clearDeliveryPending(db, r.alert.id, r.alert.updated_at);
    }
  }
  return { streamed: pending.length, queued };
}

/**
 * With Workers AI bound, a new alert's analysis is rewritten by the model from the alert's own
 * figures (PRD "AI explanation of alert"); the local analysis stays when the model fails.
 */
async function rewordAnalyses(env: AiEnv, db: Db, rows: AlertWithClient[]): Promise<void> {
  for (const r of rows) {
    const a = r.alert;
    const answer = await generateText(env, db, null, {
      purpose: "alert_analysis",
      clientId: a.client_id,
      instructions:
        "Explain this customer-success alert to the account's CSM in two sentences: what it likely means for the account and how urgent it is. Use only the facts.",
      facts: {
        client: r.client_name,
        arr: r.arr,
        renewal: r.next_renewal_date,
        alert: a.title,
        severity: a.severity,
        detail: a.description,
        metric: a.trigger_metric,
        value: a.trigger_value,
        threshold: a.trigger_threshold,
        context: a.ai_analysis,
        recommended_action: a.ai_recommended_action,
      },
      local: () => a.ai_analysis ?? a.description,
      maxTokens: 160,
    });
    if (answer.provider !== "workers-ai") continue;
    // Same updated_at: the flags stay as they are and the streamed alert carries the new words.
    await setAlertAnalysis(db, a.id, answer.text);
    a.ai_analysis = answer.text;
  }
}
