import { parseArgs } from "node:util";

import { getPlatformProxy } from "wrangler";

import { isCalendarDate } from "#worker/core/dates";
import { getDb } from "#worker/db/client";
import { currentChurnModel } from "#worker/db/queries/churn";
import { retrainChurnModel } from "#worker/services/churn";

// npm run churn:train -- [--if-missing] [--state DIR] [--as-of YYYY-MM-DD]
// Trains the churn model on the local D1 with the Worker's own service code (what the weekly
// cron does), stores the version with its backtest and rescores every active client.
// `npm start` runs it with --if-missing right after seeding, so the demo opens with scores.

const { values } = parseArgs({
  options: { "if-missing": { type: "boolean" }, state: { type: "string" }, "as-of": { type: "string" } },
  strict: true,
});
// --as-of trains as if on that day (a database seeded with the same --as-of): for evaluations.
const asOf = values["as-of"];
if (asOf !== undefined && !isCalendarDate(asOf)) {
  console.error(`churn: --as-of must be a date like 2026-11-24, got "${asOf}"`);
  process.exit(2);
}
const now = asOf ? new Date(`${asOf}T06:00:00Z`) : new Date();
const proxy = await getPlatformProxy<Env>({
  environment: "local",
  ...(values.state ? { persist: { path: `${values.state}/v3` } } : {}),
});
try {
  const db = getDb(proxy.env.DB);
  if (values["if-missing"] && (await currentChurnModel(db))) {
    console.log("churn: a model is already trained; leaving it.");
  } else {
    const started = performance.now();
    const r = await retrainChurnModel(db, now, "seed");
    const auc = r.backtest_auc === null ? "n/a" : r.backtest_auc.toFixed(3);
    console.log(
      `churn: model v${r.version} trained on ${r.training.rows} observations (${r.training.churned} before a churn) from ${r.training.renewals} renewals; backtest AUC ${auc}; ${r.scored} clients scored in ${Math.round(performance.now() - started)} ms`,
    );
  }
} finally {
  await proxy.dispose();
}
