import { fitGbt, gbtMargin, type GbtModel, type GbtOptions } from "./gbdt";
import { fitLogistic, type LogisticModel, logit, sigmoid, standardize, standardizer } from "./logistic-regression";
import { auc, brier } from "./metrics";
import { gbtContributions } from "./tree-shap";

// Which model to trust is decided by data, not by taste (docs/decisions/014): regularised
// logistic regression and gradient-boosted trees are both fitted on each cross-validation fold
// (by time in the app, stratified for a CSV without dates) and scored on the rows the fold held
// out. Trees win only when they rank the held-out rows better by a margin, since on data a
// straight line explains they add variance and nothing else. The winner's held-out margins also
// fit its calibration (Platt scaling: p = σ(a·margin + b)), which keeps every explanation exact:
// a·(base + Σφ) + b = (a·base + b) + Σ a·φ.

export type CandidateKind = "logistic_regression" | "gradient_boosted_trees";
export const CANDIDATE_LABELS: Record<CandidateKind, string> = {
  logistic_regression: "Regularised logistic regression",
  gradient_boosted_trees: "Gradient-boosted trees",
};

export type FittedModel =
  | { kind: "logistic_regression"; lr: LogisticModel }
  | { kind: "gradient_boosted_trees"; gbt: GbtModel; rounds: number };
export interface Platt {
  a: number;
  b: number;
}
/** A fitted candidate with its scaling (nulls take the training mean) and calibration. */
export interface Scorer {
  means: number[];
  stds: number[];
  model: FittedModel;
  platt: Platt;
}

export interface Fold {
  train: number[];
  test: number[];
  label?: string;
}
export interface SelectionOptions {
  l2: number;
  gbt: Partial<GbtOptions>;
  /** AUC trees must gain over LR to be chosen. */ margin: number;
}
export const DEFAULT_SELECTION: SelectionOptions = {
  l2: 20,
  gbt: { rounds: 300, learningRate: 0.1, maxDepth: 3, minLeaf: 20, l2: 1, bins: 64 },
  margin: 0.005,
};

export interface CandidateResult {
  model: CandidateKind;
  label: string;
  auc: number | null;
  brier: number | null;
  fold_auc: (number | null)[];
  rounds?: number;
  chosen: boolean;
}
export interface Selection {
  winner: CandidateKind;
  rounds: number;
  candidates: CandidateResult[];
  /** The winner's calibrated out-of-fold probability per row (NaN for rows no fold tested). */
  oof: number[];
  platt: Platt;
  rule: string;
}

type Row = readonly (number | null)[];

export function rawMargin(m: FittedModel, z: readonly number[]): number {
  return m.kind === "logistic_regression" ? logit(m.lr, z) : gbtMargin(m.gbt, z);
}

/** Base value and per-feature contributions on the margin scale: base + Σφ = rawMargin. */
export function rawContributions(m: FittedModel, z: readonly number[]): { base: number; phi: number[] } {
  // Standardised features: z = 0 is the average client, so w·z is w × (x − mean) / sd.
  if (m.kind === "logistic_regression") return { base: m.lr.intercept, phi: m.lr.weights.map((w, j) => w * z[j]) };
  return gbtContributions(m.gbt, z, z.length);
}

export function calibratedProbability(s: Scorer, row: Row): number {
  return sigmoid(s.platt.a * rawMargin(s.model, standardize(row, s)) + s.platt.b);
}

function fitKind(
  kind: CandidateKind,
  Z: number[][],
  y: (0 | 1)[],
  w: number[] | undefined,
  o: SelectionOptions,
  rounds: number,
  validation?: { X: number[][]; y: (0 | 1)[]; weights?: number[] },
) {
  if (kind === "logistic_regression") {
    const m = fitLogistic(Z, y, { l2: o.l2, sampleWeights: w });
    return {
      model: { kind, lr: { intercept: m.intercept, weights: m.weights } } as FittedModel,
      validationLoss: [] as number[],
    };
  }
  const m = fitGbt(Z, y, { ...o.gbt, rounds, weights: w, validation });
  return {
    model: { kind, gbt: { init: m.init, trees: m.trees }, rounds } as FittedModel,
    validationLoss: m.validationLoss,
  };
}

const pick = <T>(xs: readonly T[], idx: readonly number[]) => idx.map((i) => xs[i]);

/** Margins of the first `rounds` trees (staged prediction, to score with the chosen round count). */
const stagedMargin = (m: GbtModel, z: readonly number[], rounds: number) =>
  gbtMargin({ init: m.init, trees: m.trees.slice(0, rounds) }, z);

/** 1-D logistic regression of the labels on the margins (Platt scaling), lightly penalised. */
export function fitPlatt(margins: readonly number[], y: readonly (0 | 1)[], w?: readonly number[]): Platt {
  const m = fitLogistic(
    margins.map((v) => [v]),
    y,
    { l2: 1e-3, sampleWeights: w ? [...w] : undefined },
  );
  // A non-positive slope would reverse the ranking the model learned: keep the identity then.
  return m.weights[0] > 0 ? { a: m.weights[0], b: m.intercept } : { a: 1, b: 0 };
}

export function selectModel(
  rows: readonly Row[],
  y: (0 | 1)[],
  w: number[] | undefined,
  folds: readonly Fold[],
  o: SelectionOptions = DEFAULT_SELECTION,
): Selection {
  const maxRounds = o.gbt.rounds ?? 300;
  const oofMargin: Record<CandidateKind, number[]> = {
    logistic_regression: new Array(rows.length).fill(NaN),
    gradient_boosted_trees: new Array(rows.length).fill(NaN),
  };
  const lossByRound = new Array<number>(maxRounds).fill(0);
  const gbtFolds: { model: GbtModel; test: number[]; Z: number[][] }[] = [];
  for (const f of folds) {
    const s = standardizer(pick(rows, f.train));
    const Ztr = pick(rows, f.train).map((r) => standardize(r, s));
    const Zte = pick(rows, f.test).map((r) => standardize(r, s));
    const ytr = pick(y, f.train);
    const wtr = w ? pick(w, f.train) : undefined;
    const lr = fitKind("logistic_regression", Ztr, ytr, wtr, o, 0).model;
    f.test.forEach((i, k) => (oofMargin.logistic_regression[i] = rawMargin(lr, Zte[k])));
    const wte = w ? pick(w, f.test) : undefined;
    const g = fitKind("gradient_boosted_trees", Ztr, ytr, wtr, o, maxRounds, {
      X: Zte,
      y: pick(y, f.test),
      weights: wte,
    });
    const share = f.test.length / rows.length;
    g.validationLoss.forEach((l, r) => (lossByRound[r] += share * l));
    if (g.model.kind === "gradient_boosted_trees") gbtFolds.push({ model: g.model.gbt, test: f.test, Z: Zte });
  }
  // The round count with the lowest held-out loss, summed over folds (early stopping by CV).
  const rounds = lossByRound.indexOf(Math.min(...lossByRound)) + 1;
  for (const f of gbtFolds)
    f.test.forEach((i, k) => (oofMargin.gradient_boosted_trees[i] = stagedMargin(f.model, f.Z[k], rounds)));
  const tested = [...new Set(folds.flatMap((f) => f.test))];
  const score = (kind: CandidateKind) => ({
    auc: auc(pick(oofMargin[kind], tested), pick(y, tested)),
    fold_auc: folds.map((f) => auc(pick(oofMargin[kind], f.test), pick(y, f.test))),
  });
  const lrScore = score("logistic_regression");
  const gbtScore = score("gradient_boosted_trees");
  const winner: CandidateKind =
    gbtScore.auc !== null && lrScore.auc !== null && gbtScore.auc >= lrScore.auc + o.margin
      ? "gradient_boosted_trees"
      : "logistic_regression";
  const platt = fitPlatt(pick(oofMargin[winner], tested), pick(y, tested), w ? pick(w, tested) : undefined);
  const calibrate = (kind: CandidateKind) =>
    oofMargin[kind].map((m) => (Number.isNaN(m) ? NaN : sigmoid(platt.a * m + platt.b)));
  const kinds: CandidateKind[] = ["logistic_regression", "gradient_boosted_trees"];
  const candidates = kinds.map((kind) => {
    const sc = kind === "logistic_regression" ? lrScore : gbtScore;
    const kindPlatt =
      kind === winner
        ? platt
        : fitPlatt(pick(oofMargin[kind], tested), pick(y, tested), w ? pick(w, tested) : undefined);
    const probs = pick(oofMargin[kind], tested).map((m) => sigmoid(kindPlatt.a * m + kindPlatt.b));
    return {
      model: kind,
      label: CANDIDATE_LABELS[kind],
      auc: round(sc.auc),
      brier: round(brier(probs, pick(y, tested))),
      fold_auc: sc.fold_auc.map(round),
      ...(kind === "gradient_boosted_trees" ? { rounds } : {}),
      chosen: kind === winner,
    };
  });
  return {
    winner,
    rounds,
    candidates,
    oof: calibrate(winner),
    platt,
    rule: `the candidate with the higher out-of-fold AUC; trees must beat logistic regression by ${o.margin} to be chosen`,
  };
}

/** Fit the chosen candidate on every row, with the calibration learned out of fold. */
export function fitScorer(
  kind: CandidateKind,
  rows: readonly Row[],
  y: (0 | 1)[],
  w: number[] | undefined,
  platt: Platt,
  rounds: number,
  o: SelectionOptions = DEFAULT_SELECTION,
): Scorer {
  const s = standardizer(rows);
  const Z = rows.map((r) => standardize(r, s));
  return { means: s.means, stds: s.stds, model: fitKind(kind, Z, y, w, o, rounds).model, platt };
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
