import { getDb } from "../db/client";
import { activeClientIds } from "../db/queries/clients";
import { AppError } from "../core/errors";
import { retrainChurnModel } from "../services/churn";
import { RECALC_CHUNK_SIZE, type RecalcMessage } from "./messages";
import { log } from "../services/observability/log";

/** Enqueue every active client for recalculation, in chunks (hourly cron, or after a formula change). */
export async function enqueueRecalculation(env: Env, reason: RecalcMessage["reason"]): Promise<number> {
  const db = getDb(env.DB);
  const ids = await activeClientIds(db);
  const messages: { body: RecalcMessage }[] = [];
  for (let i = 0; i < ids.length; i += RECALC_CHUNK_SIZE) {
    messages.push({ body: { kind: "recalculate", reason, client_ids: ids.slice(i, i + RECALC_CHUNK_SIZE) } });
  }
  // sendBatch takes at most 100 messages per call.
  for (let i = 0; i < messages.length; i += 100) await env.RECALC_QUEUE.sendBatch(messages.slice(i, i + 100));
  return ids.length;
}

/** Mondays 04:00 UTC (wrangler.toml): the churn model retrains on the week's new renewals and churns. */
export const WEEKLY_RETRAIN_CRON = "0 4 * * 1";

export async function runWeeklyRetraining(env: Env): Promise<void> {
  try {
    const r = await retrainChurnModel(getDb(env.DB), new Date(), "weekly");
    log.info(`Churn model v${r.version} trained`, { version: r.version, observations: r.training.rows, backtest_auc: r.backtest_auc, rescored: r.scored });
  } catch (err) {
    // Not enough history yet (a new portfolio without churns) is expected: say so and carry on.
    if (err instanceof AppError && err.status === 422) log.warn("Churn model not retrained", { reason: err.message });
    else log.error("Weekly churn model retraining failed; the previous model stays current", { error: err });
  }
}
