import { fitLogistic, predict, standardize, standardizer } from "./logistic-regression";
import { accuracy, auc, brier } from "./metrics";

// k-fold cross-validation of the churn model's logistic regression on any design matrix:
// folds are stratified (churners spread evenly) and fixed by the row order, so a run is
// repeatable; scaling is learned on each training fold only.

export function stratifiedFolds(y: readonly (0 | 1)[], k: number): number[] {
  const fold = new Array<number>(y.length);
  let pos = 0;
  let neg = 0;
  // Interleave by a fixed hash of the row index, then deal each class round-robin.
  const order = y.map((_, i) => i).sort((a, b) => hash(a) - hash(b));
  for (const i of order) fold[i] = y[i] === 1 ? pos++ % k : neg++ % k;
  return fold;
}

const hash = (i: number) => {
  let h = (i + 1) * 2654435761;
  h ^= h >>> 16;
  return (h >>> 0) % 1_000_003;
};

export function crossValidate(X: number[][], y: (0 | 1)[], k: number, l2 = 2) {
  if (k < 2) throw new Error("--folds must be at least 2");
  const positives = y.filter((v) => v === 1).length;
  if (positives < k || y.length - positives < k) throw new Error(`each of the ${k} folds needs churners and non-churners: there are ${positives} churners and ${y.length - positives} others`);
  const folds = stratifiedFolds(y, k);
  const oof = new Array<number>(y.length).fill(0);
  const perFold: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = y.map((_, i) => i).filter((i) => folds[i] !== f);
    const test = y.map((_, i) => i).filter((i) => folds[i] === f);
    const s = standardizer(train.map((i) => X[i]));
    const m = fitLogistic(train.map((i) => standardize(X[i], s)), train.map((i) => y[i]), { l2 });
    for (const i of test) oof[i] = predict(m, standardize(X[i], s));
    perFold.push(auc(test.map((i) => oof[i]), test.map((i) => y[i])) ?? NaN);
  }
  return { auc: auc(oof, y), accuracy: accuracy(oof, y), brier: brier(oof, y), base_rate: positives / y.length, fold_auc: perFold };
}

/** The full-data fit's weights per standard deviation, strongest first. */
export function strongestFactors(features: string[], X: number[][], y: (0 | 1)[], n = 10, l2 = 2) {
  const s = standardizer(X);
  const m = fitLogistic(X.map((r) => standardize(r, s)), y, { l2 });
  return features
    .map((name, j) => ({ name, weight_per_sd: m.weights[j], odds_ratio_per_sd: Math.exp(m.weights[j]) }))
    .sort((a, b) => Math.abs(b.weight_per_sd) - Math.abs(a.weight_per_sd))
    .slice(0, n);
}
