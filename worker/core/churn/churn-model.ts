import { addDays, daysBetween } from "#worker/core/dates";

import { type Backtest, backtestFromSelection, timeFolds } from "./churn-backtest";
import {
  type ClientHistory,
  type FeatureKey,
  FEATURES,
  featuresAt,
  type FeatureValues,
  isObservable,
  nextRenewalAfter,
  nextRenewalLabel,
  observationDate,
} from "./churn-features";
import { standardize } from "./logistic-regression";
import {
  type CandidateKind,
  type CandidateResult,
  DEFAULT_SELECTION,
  fitScorer,
  rawContributions,
  type Scorer,
  selectModel,
} from "./model-selection";
import { type RiskBands, riskBandsFor } from "./risk-bands";

export type { Backtest } from "./churn-backtest";

// The churn model (PRD F6). Clients here leave at a renewal, so the model learns the one thing
// that decides churn: will this client renew at its next renewal? Each row is a client's state on
// an observation date (usage, adoption, support, relationship, contract signals, tenure, time to
// renewal, season) within 90 days of a renewal, labelled with that renewal's outcome. Two
// candidates compete (regularised logistic regression and gradient-boosted trees), judged by
// rolling-origin cross-validation over observation dates; the winner is refitted on everything
// known and calibrated on its out-of-fold scores (docs/decisions/009 and 014). The 30/60/90-day
// probabilities follow from it: the chance of churning within H days is that probability when
// the renewal falls within H days, else 0.

export const HORIZONS = [30, 60, 90] as const;
export type Horizon = (typeof HORIZONS)[number];

/** The portfolio has not yet seen both a renewal and a churn in the window the model learns from. */
export class NotEnoughHistory extends Error {
  constructor() {
    super(
      "Not enough history to train the churn model: it needs at least one renewal and one churn within 90 days of the observations.",
    );
  }
}

export const L2 = DEFAULT_SELECTION.l2;
/** Observation dates go back this many buckets (15 days each) from the anchor. */
export const MAX_BUCKETS = 30;
/** Observations this close to their next renewal are the ones the model learns from and is judged on. */
export const WINDOW_DAYS = 90;

export interface ReferenceCase {
  client_id: string;
  name: string;
  renewal_date: string;
  outcome: "RENEWED" | "CHURNED";
  z: number[];
}

export interface ChurnModel {
  format: 2;
  trained_at: string;
  anchor: string;
  features: FeatureKey[];
  scorer: Scorer;
  /** Which candidate won, with every candidate's out-of-fold AUC (null: too little history to compare). */
  selection: { winner: CandidateKind; rounds: number; candidates: CandidateResult[]; rule: string } | null;
  /** Mean |contribution| per feature on the training rows (log-odds): what the model leans on. */
  importance: number[];
  training: { rows: number; churned: number; renewals: number; clients: number };
  references: ReferenceCase[];
  /** Cut-offs for ranking by relative risk in the book (docs/decisions/014). */
  risk_bands: RiskBands | null;
}

export interface Observation {
  client: ClientHistory;
  k: number;
  date: string;
  values: FeatureValues;
  completeness: number;
}
export interface Labelled {
  o: Observation;
  y: 0 | 1;
  renewal: string;
  w: number;
}

export function observations(
  histories: readonly ClientHistory[],
  anchor: string,
  maxBuckets = MAX_BUCKETS,
): Observation[] {
  const out: Observation[] = [];
  for (const h of histories) {
    for (let k = 0; k <= maxBuckets; k++) {
      if (!isObservable(h, anchor, k)) continue;
      const { values, completeness } = featuresAt(h, anchor, k);
      out.push({ client: h, k, date: observationDate(anchor, k), values, completeness });
    }
  }
  return out;
}

export const vector = (values: FeatureValues) => FEATURES.map((f) => values[f.key]);

export const withinWindow = (o: Observation) => {
  const r = nextRenewalAfter(o.client, o.date);
  return r !== null && daysBetween(o.date, r) <= WINDOW_DAYS;
};

/**
 * Rows whose next renewal's outcome is known by `knownBy`. Every renewal counts once, however
 * many observations led up to it: the rows of one renewal are not independent evidence, and
 * counting them all made the model overconfident.
 */
export function labelledRows(rows: readonly Observation[], knownBy: string): Labelled[] {
  const out = rows.filter(withinWindow).flatMap((o) => {
    const y = nextRenewalLabel(o.client, o.date, knownBy);
    return y === null ? [] : [{ o, y, renewal: nextRenewalAfter(o.client, o.date)!, w: 1 }];
  });
  const perGroup = new Map<string, number>();
  const key = (r: Labelled) => `${r.o.client.id}|${r.renewal}`;
  for (const r of out) perGroup.set(key(r), (perGroup.get(key(r)) ?? 0) + 1);
  for (const r of out) r.w = 1 / (perGroup.get(key(r)) ?? 1);
  return out;
}

/**
 * Compare the candidates over time, fit the winner on everything known by the anchor, and return
 * it with its backtest (null when the history is too short for any fold).
 */
export function trainWithBacktest(
  histories: readonly ClientHistory[],
  anchor: string,
  trainedAt: string,
): { model: ChurnModel; backtest: Backtest | null } {
  const rows = observations(histories, anchor);
  const labelled = labelledRows(rows, anchor);
  if (!labelled.some((r) => r.y === 1) || !labelled.some((r) => r.y === 0)) throw new NotEnoughHistory();
  const X = labelled.map((r) => vector(r.o.values));
  const y = labelled.map((r) => r.y);
  const w = labelled.map((r) => r.w);
  const folds = timeFolds(labelled, anchor);
  const selection = folds.length ? selectModel(X, y, w, folds) : null;
  const scorer = fitScorer(
    selection?.winner ?? "logistic_regression",
    X,
    y,
    w,
    selection?.platt ?? { a: 1, b: 0 },
    selection?.rounds ?? 0,
  );
  const model: ChurnModel = {
    format: 2,
    trained_at: trainedAt,
    anchor,
    features: FEATURES.map((x) => x.key),
    scorer,
    selection: selection && {
      winner: selection.winner,
      rounds: selection.rounds,
      candidates: selection.candidates,
      rule: selection.rule,
    },
    importance: importance(scorer, X),
    training: {
      rows: labelled.length,
      churned: labelled.filter((r) => r.y === 1).length,
      renewals: histories.reduce((n, h) => n + h.renewals.length, 0),
      clients: new Set(rows.map((r) => r.client.id)).size,
    },
    references: [],
    risk_bands: null,
  };
  model.references = referenceCases(rows, model);
  const backtest = selection ? backtestFromSelection(rows, labelled, folds, selection, anchor) : null;
  return { model, backtest };
}

export const trainChurnModel = (histories: readonly ClientHistory[], anchor: string, trainedAt: string) =>
  trainWithBacktest(histories, anchor, trainedAt).model;

/** Relative-risk cut-offs from today's scores of the active book (set after training). */
export const withRiskBands = (model: ChurnModel, activeScores: readonly number[]): ChurnModel => ({
  ...model,
  risk_bands: riskBandsFor(activeScores, model.anchor),
});

function importance(s: Scorer, X: (number | null)[][]): number[] {
  const step = Math.max(1, Math.floor(X.length / 400));
  const sums = new Array<number>(FEATURES.length).fill(0);
  let n = 0;
  for (let i = 0; i < X.length; i += step) {
    rawContributions(s.model, standardize(X[i], s)).phi.forEach((v, j) => (sums[j] += Math.abs(s.platt.a * v)));
    n++;
  }
  return sums.map((v) => round(v / Math.max(1, n)));
}

/** One case per known renewal: the client as it looked about 60 days before it. */
function referenceCases(rows: Observation[], model: ChurnModel, cap = 2_000): ReferenceCase[] {
  const byClient = new Map<string, Observation[]>();
  for (const o of rows) {
    const list = byClient.get(o.client.id);
    if (list) list.push(o);
    else byClient.set(o.client.id, [o]);
  }
  const cases: ReferenceCase[] = [];
  const distance = (o: Observation, target: string) => Math.abs(Date.parse(o.date) - Date.parse(target));
  for (const [, obs] of byClient) {
    const h = obs[0].client;
    for (const r of h.renewals) {
      const target = addDays(r.date, -60);
      const near = obs.filter((o) => o.date <= r.date && distance(o, target) <= 16 * 86_400_000);
      if (!near.length) continue;
      const o = near.sort((a, b) => distance(a, target) - distance(b, target))[0];
      cases.push({
        client_id: h.id,
        name: h.name,
        renewal_date: r.date,
        outcome: r.outcome,
        z: standardize(vector(o.values), model.scorer).map((v) => Math.round(v * 1000) / 1000),
      });
    }
  }
  // Bounded (the model is one stored row): every churn, then the most recent renewals.
  const churned = cases.filter((c) => c.outcome === "CHURNED");
  const renewed = cases
    .filter((c) => c.outcome === "RENEWED")
    .sort((a, b) => b.renewal_date.localeCompare(a.renewal_date));
  return [...churned.slice(-cap / 2), ...renewed].slice(0, cap);
}

/** A model stored before model selection (plain LR, format 1) read as the same model in today's shape. */
export function upgradeModel(stored: unknown): ChurnModel {
  const m = stored as ChurnModel & {
    format?: number;
    means?: number[];
    stds?: number[];
    model?: { intercept: number; weights: number[] };
  };
  if (m.format === 2) return m;
  const weights = m.model?.weights ?? [];
  return {
    format: 2,
    trained_at: m.trained_at,
    anchor: m.anchor,
    features: m.features,
    training: m.training,
    references: m.references ?? [],
    scorer: {
      means: m.means ?? [],
      stds: m.stds ?? [],
      model: { kind: "logistic_regression", lr: { intercept: m.model?.intercept ?? 0, weights } },
      platt: { a: 1, b: 0 },
    },
    selection: null,
    importance: weights.map(Math.abs),
    risk_bands: null,
  };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
