import { AppError } from "#worker/core/errors";
import { getDb } from "#worker/db/client";
import { retrainChurnModel } from "#worker/services/churn";
import { log } from "#worker/services/observability/log";

/** Mondays 04:00 UTC (wrangler.toml): the churn model retrains on the week's new renewals and churns. */
export const WEEKLY_RETRAIN_CRON = "0 4 * * 1";

export async function runWeeklyRetraining(env: Env): Promise<void> {
  try {
    const r = await retrainChurnModel(getDb(env.DB), new Date(), "weekly");
    log.info(`Churn model v${r.version} trained`, {
      version: r.version,
      observations: r.training.rows,
      backtest_auc: r.backtest_auc,
      rescored: r.scored,
    });
  } catch (err) {
    // Not enough history yet (a new portfolio without churns) is expected: say so and carry on.
    if (err instanceof AppError && err.status === 422) log.warn("Churn model not retrained", { reason: err.message });
    else log.error("Weekly churn model retraining failed; the previous model stays current", { error: err });
  }
}
