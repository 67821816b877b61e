import { fitLogistic, standardize, standardizer } from "./logistic-regression";
import { accuracy, auc, brier } from "./metrics";
import {
  DEFAULT_SELECTION,
  fitScorer,
  type Fold,
  rawContributions,
  type SelectionOptions,
  selectModel,
} from "./model-selection";

// k-fold cross-validation of the churn model's candidates (regularised logistic regression and
// gradient-boosted trees) on any design matrix without dates: folds are stratified (churners
// spread evenly) and fixed by the row order, so a run is repeatable; scaling is learned on each
// training fold only. The winner is chosen as the in-app trainer chooses it (model-selection).

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

function checkFolds(y: readonly (0 | 1)[], k: number) {
  if (k < 2) throw new Error("--folds must be at least 2");
  const positives = y.filter((v) => v === 1).length;
  if (positives < k || y.length - positives < k)
    throw new Error(
      `each of the ${k} folds needs churners and non-churners: there are ${positives} churners and ${y.length - positives} others`,
    );
  return positives;
}

export function kFolds(y: readonly (0 | 1)[], k: number): Fold[] {
  const f = stratifiedFolds(y, k);
  return Array.from({ length: k }, (_, j) => ({
    train: y.map((_, i) => i).filter((i) => f[i] !== j),
    test: y.map((_, i) => i).filter((i) => f[i] === j),
    label: `fold ${j + 1}`,
  }));
}

/** Plain logistic regression alone: the floor every other candidate is compared with. */
export function crossValidate(X: number[][], y: (0 | 1)[], k: number, l2 = 2) {
  const positives = checkFolds(y, k);
  const oof = new Array<number>(y.length).fill(0);
  const perFold: number[] = [];
  for (const f of kFolds(y, k)) {
    const s = standardizer(f.train.map((i) => X[i]));
    const m = fitLogistic(
      f.train.map((i) => standardize(X[i], s)),
      f.train.map((i) => y[i]),
      { l2 },
    );
    for (const i of f.test) {
      const z = standardize(X[i], s);
      oof[i] = 1 / (1 + Math.exp(-(m.intercept + m.weights.reduce((t, w, j) => t + w * z[j], 0))));
    }
    perFold.push(
      auc(
        f.test.map((i) => oof[i]),
        f.test.map((i) => y[i]),
      ) ?? NaN,
    );
  }
  return {
    auc: auc(oof, y),
    accuracy: accuracy(oof, y),
    brier: brier(oof, y),
    base_rate: positives / y.length,
    fold_auc: perFold,
  };
}

/** Every candidate on the same stratified folds; the winner's calibrated out-of-fold metrics. */
export function crossValidateCandidates(
  X: number[][],
  y: (0 | 1)[],
  k: number,
  o: SelectionOptions = DEFAULT_SELECTION,
) {
  const positives = checkFolds(y, k);
  const selection = selectModel(X, y, undefined, kFolds(y, k), o);
  const p = selection.oof;
  return { ...selection, accuracy: accuracy(p, y), brier: brier(p, y), base_rate: positives / y.length };
}

/**
 * What drives churn in the winner fitted on all rows: the mean absolute contribution of each
 * feature (log-odds; exact per row for both kinds), and its direction (correlation of the
 * contribution with the feature's value: + means higher values raise churn).
 */
export function strongestFactors(
  features: string[],
  X: number[][],
  y: (0 | 1)[],
  n = 10,
  o: SelectionOptions = DEFAULT_SELECTION,
  kind: "logistic_regression" | "gradient_boosted_trees" = "logistic_regression",
  rounds = 100,
) {
  const s = fitScorer(kind, X, y, undefined, { a: 1, b: 0 }, rounds, o);
  const sample = X.filter((_, i) => i % Math.max(1, Math.floor(X.length / 1000)) === 0);
  const mean = new Array(features.length).fill(0);
  const cov = new Array(features.length).fill(0);
  for (const x of sample) {
    const z = standardize(x, s);
    const { phi } = rawContributions(s.model, z);
    phi.forEach((v, j) => ((mean[j] += Math.abs(v) / sample.length), (cov[j] += (v * z[j]) / sample.length)));
  }
  return features
    .map((name, j) => ({
      name,
      mean_abs_contribution: mean[j],
      direction: cov[j] >= 0 ? ("raises" as const) : ("lowers" as const),
    }))
    .sort((a, b) => b.mean_abs_contribution - a.mean_abs_contribution)
    .slice(0, n);
}
