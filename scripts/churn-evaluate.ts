import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { crossValidate, strongestFactors } from "../worker/core/churn/cross-validation";
import { L2 } from "../worker/core/churn/churn-model";
import { buildDataset } from "../worker/core/churn/tabular";

// npm run churn:evaluate -- --csv FILE --target COLUMN [--id COLUMN] [--folds K]
// Trains the churn model's own logistic regression (worker/core/churn) on any CSV of historical
// accounts and prints k-fold cross-validated AUC, accuracy and Brier, and the strongest factors.

const USAGE = "usage: npm run churn:evaluate -- --csv FILE --target COLUMN [--id COLUMN] [--folds K]";

function fail(message: string): never {
  console.error(`churn:evaluate: ${message}\n${USAGE}`);
  process.exit(2);
}

let values: { csv?: string; target?: string; id?: string; folds?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { csv: { type: "string" }, target: { type: "string" }, id: { type: "string" }, folds: { type: "string" }, help: { type: "boolean" } }, strict: true }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.csv) fail("--csv is required");
if (!values.target) fail("--target is required");
const folds = values.folds === undefined ? 5 : /^\d+$/.test(values.folds) ? Number(values.folds) : fail(`--folds must be a whole number, got "${values.folds}"`);
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
if (data.rows.skipped_target) console.log(`  ${data.rows.skipped_target} skipped: "${values.target}" is not yes/no, true/false or 1/0`);
if (data.rows.skipped_width) console.log(`  ${data.rows.skipped_width} skipped: wrong number of cells`);
console.log(`\nColumns:`);
for (const c of data.columns) {
  const issues = [c.blanks ? `${c.blanks} blank` : "", c.unreadable ? `${c.unreadable} unreadable` : "", c.levels ? `${c.levels} distinct values` : ""].filter(Boolean).join(", ");
  console.log(`  ${c.name.padEnd(28)} ${c.kind.padEnd(12)} ${issues}${c.note ? ` (${c.note})` : ""}`);
}
if (data.features.length === 0) fail("no usable feature columns");

let cv: ReturnType<typeof crossValidate>;
try {
  cv = crossValidate(data.X, data.y, folds, L2);
} catch (err) {
  fail((err as Error).message);
}
console.log(`\n${folds}-fold cross-validation (stratified), ${data.y.filter((v) => v === 1).length} churned of ${data.y.length} (${pct(cv.base_rate)}):`);
console.log(`  AUC       ${f3(cv.auc)}   (per fold: ${cv.fold_auc.map(f3).join(", ")})`);
console.log(`  Accuracy  ${pct(cv.accuracy)}   (always "retained" would score ${pct(1 - cv.base_rate)})`);
console.log(`  Brier     ${f3(cv.brier)}   (predicting the base rate would score ${f3(cv.base_rate * (1 - cv.base_rate))})`);
console.log(`\nStrongest factors (fit on all rows; log-odds per standard deviation):`);
for (const f of strongestFactors(data.features, data.X, data.y, 10, L2)) {
  console.log(`  ${f.weight_per_sd >= 0 ? "+" : "-"}${Math.abs(f.weight_per_sd).toFixed(3)}  ${f.name}  (${f.weight_per_sd >= 0 ? "raises" : "lowers"} churn odds ×${f.odds_ratio_per_sd.toFixed(2)} per SD)`);
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
