import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { crossValidateCandidates, strongestFactors } from "#worker/core/churn/cross-validation";
import { buildDataset } from "#worker/core/churn/tabular";

// npm run churn:evaluate -- --csv FILE --target COLUMN [--id COLUMN] [--folds K]
// Runs the churn model's own candidates (regularised logistic regression and gradient-boosted
// trees, worker/core/churn) on any CSV of historical accounts: k-fold stratified cross-validated
// AUC and Brier of each, the winner as the in-app trainer would choose it beside plain logistic
// regression, its calibrated accuracy, and the factors that drive it.

const USAGE = "usage: npm run churn:evaluate -- --csv FILE --target COLUMN [--id COLUMN] [--folds K]";

function fail(message: string): never {
  console.error(`churn:evaluate: ${message}\n${USAGE}`);
  process.exit(2);
}

let values: { csv?: string; target?: string; id?: string; folds?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      csv: { type: "string" },
      target: { type: "string" },
      id: { type: "string" },
      folds: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.csv) fail("--csv is required");
if (!values.target) fail("--target is required");
const folds =
  values.folds === undefined
    ? 5
    : /^\d+$/.test(values.folds)
      ? Number(values.folds)
      : fail(`--folds must be a whole number, got "${values.folds}"`);
if (folds < 2 || folds > 20) fail(`--folds must be between 2 and 20, got ${folds}`);

let text: string;
try {
  text = readFileSync(values.csv, "utf8");
} catch (err) {
  fail(`cannot read ${values.csv}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}

const started = performance.now();
let data: ReturnType<typeof buildDataset>;
try {
  data = buildDataset(text, values.target, values.id);
} catch (err) {
  fail((err as Error).message);
}
const pct = (v: number | null) => (v === null ? "n/a" : `${(100 * v).toFixed(1)}%`);
const f3 = (v: number | null) => (v === null || Number.isNaN(v) ? "n/a" : v.toFixed(3));

console.log(`Rows: ${data.rows.total} read, ${data.rows.used} used`);
if (data.rows.skipped_target)
  console.log(`  ${data.rows.skipped_target} skipped: "${values.target}" is not yes/no, true/false or 1/0`);
if (data.rows.skipped_width) console.log(`  ${data.rows.skipped_width} skipped: wrong number of cells`);
console.log(`\nColumns:`);
for (const c of data.columns) {
  const issues = [
    c.blanks ? `${c.blanks} blank` : "",
    c.unreadable ? `${c.unreadable} unreadable` : "",
    c.levels ? `${c.levels} distinct values` : "",
  ]
    .filter(Boolean)
    .join(", ");
  console.log(`  ${c.name.padEnd(28)} ${c.kind.padEnd(12)} ${issues}${c.note ? ` (${c.note})` : ""}`);
}
if (data.features.length === 0) fail("no usable feature columns");

let cv: ReturnType<typeof crossValidateCandidates>;
try {
  cv = crossValidateCandidates(data.X, data.y, folds);
} catch (err) {
  fail((err as Error).message);
}
const lr = cv.candidates.find((c) => c.model === "logistic_regression")!;
const winner = cv.candidates.find((c) => c.chosen)!;
console.log(
  `\n${folds}-fold cross-validation (stratified), ${data.y.filter((v) => v === 1).length} churned of ${data.y.length} (${pct(cv.base_rate)}):`,
);
console.log(`  ${"Candidate".padEnd(34)} ${"AUC".padEnd(7)} ${"Brier".padEnd(7)} per-fold AUC`);
for (const c of cv.candidates) {
  const note = c.rounds ? ` (${c.rounds} rounds, chosen by held-out loss)` : "";
  console.log(
    `  ${(c.label + (c.chosen ? " *" : "")).padEnd(34)} ${f3(c.auc).padEnd(7)} ${f3(c.brier).padEnd(7)} ${c.fold_auc.map(f3).join(", ")}${note}`,
  );
}
console.log(
  `\nWinner: ${winner.label}, AUC ${f3(winner.auc)} (plain logistic regression: ${f3(lr.auc)}; ${winner === lr ? "no candidate beat it by the required margin" : `+${f3((winner.auc ?? 0) - (lr.auc ?? 0))}`})`,
);
console.log(`  Rule: ${cv.rule}.`);
console.log(
  `  Calibrated (Platt on out-of-fold scores): accuracy ${pct(cv.accuracy)} (always "retained" would score ${pct(1 - cv.base_rate)}), Brier ${f3(cv.brier)} (the base rate alone: ${f3(cv.base_rate * (1 - cv.base_rate))})`,
);
console.log(`\nStrongest factors of the winner (fit on all rows; mean |contribution| in log-odds, exact per row):`);
for (const f of strongestFactors(data.features, data.X, data.y, 10, undefined, cv.winner, cv.rounds)) {
  console.log(
    `  ${f.mean_abs_contribution.toFixed(3)}  ${f.name}  (higher values mostly ${f.direction === "raises" ? "raise" : "lower"} churn risk)`,
  );
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
