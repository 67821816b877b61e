import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { getPlatformProxy } from "wrangler";

import { crossValidateCandidates } from "#worker/core/churn/cross-validation";
import { buildDataset } from "#worker/core/churn/tabular";
import { getDb } from "#worker/db/client";

import { measureChurn } from "./bench/churn";
import { type BenchRun, renderReport } from "./bench/report";

// npm run bench:churn -- --state DIR [--csv FILE --target COLUMN]
// Only the churn phase of `npm run bench`, in a fresh process (so its peak RSS is this phase's):
// weekly training at the size seeded in DIR (read, candidates compared over time, winner fitted,
// every client scored), plus the public-data check of churn:evaluate. The figures are written into
// docs/performance.json (churn_model) and docs/performance.md is rendered again from it.

const { values } = parseArgs({
  options: { state: { type: "string" }, csv: { type: "string" }, target: { type: "string" } },
  strict: true,
});
if (!values.state) {
  console.error("usage: npm run bench:churn -- --state DIR [--csv FILE --target COLUMN]");
  process.exit(2);
}
const proxy = await getPlatformProxy<Env>({ environment: "local", persist: { path: `${values.state}/v3` } });
let training;
try {
  training = await measureChurn(getDb(proxy.env.DB), new Date());
} finally {
  await proxy.dispose();
}
console.log(JSON.stringify(training, null, 2));
let publicData = null;
if (values.csv && values.target) {
  const t = performance.now();
  const d = buildDataset(readFileSync(values.csv, "utf8"), values.target);
  const cv = crossValidateCandidates(d.X, d.y, 5);
  publicData = {
    file: values.csv.split("/").pop()!,
    rows: d.y.length,
    churned: d.y.filter((v) => v === 1).length,
    folds: 5,
    winner: cv.winner,
    rounds: cv.rounds,
    candidates: cv.candidates.map((c) => ({ model: c.model, auc: c.auc, brier: c.brier })),
    seconds: +((performance.now() - t) / 1000).toFixed(1),
  };
  console.log(JSON.stringify(publicData, null, 2));
}
const url = new URL("../docs/performance.json", import.meta.url);
const saved = JSON.parse(readFileSync(url, "utf8")) as BenchRun;
const run: BenchRun = {
  ...saved,
  churn_model: {
    measured_at: new Date().toISOString(),
    training,
    public_data: publicData ?? saved.churn_model?.public_data ?? null,
  },
};
writeFileSync(url, `${JSON.stringify(run, null, 2)}\n`);
writeFileSync(
  new URL("../docs/performance.md", import.meta.url),
  renderReport(run, run.engine[0]?.ingestion_events ?? 20_000),
);
console.log("bench:churn: wrote docs/performance.json (churn_model) and docs/performance.md");
