import { addDays, daysBetween } from "../dates";
import { churnRiskCategory } from "../health-bands";
import type { RiskFactor } from "../types";
import { churnLabel, featuresAt, FEATURES, isObservable, nextRenewalAfter, nextRenewalLabel, observationDate, type ClientHistory, type FactorKey, type FeatureKey, type FeatureValues } from "./churn-features";
import { fitLogistic, logit, sigmoid, standardize, standardizer, type LogisticModel } from "./logistic-regression";
import { accuracy, auc, brier, calibrationTable, topDecile, type CalibrationBin } from "./metrics";
import { explainFactor, FACTOR_LABELS } from "./factor-text";

// The churn model (PRD F6). Clients here leave at a renewal, so the model learns the one
// thing that decides churn: will this client renew at its next renewal? It is an L2 logistic
// regression over the client's state on an observation date (usage, adoption, support,
// relationship, contract signals, tenure, time to renewal, season), labelled with the outcome
// of the renewal that followed. The 30/60/90-day probabilities follow from it: the chance of
// churning within H days is that probability when the renewal falls within H days, else 0
// (docs/decisions/009). Features are imputed with the training mean and standardised, so a
// contribution w·z is how far this client's value moves the log-odds away from an average
// client's, and intercept + Σ contributions is the logit exactly.

export const HORIZONS = [30, 60, 90] as const;

/** The portfolio has not yet seen both a renewal and a churn in the window the model learns from. */
export class NotEnoughHistory extends Error {
  constructor() {
    super("Not enough history to train the churn model: it needs at least one renewal and one churn within 90 days of the observations.");
  }
}
export type Horizon = (typeof HORIZONS)[number];
export const L2 = 20;
/** Observation dates go back this many buckets (15 days each) from the anchor. */
export const MAX_BUCKETS = 30;

export interface ReferenceCase { client_id: string; name: string; renewal_date: string; outcome: "RENEWED" | "CHURNED"; z: number[] }

export interface ChurnModel {
  trained_at: string;
  anchor: string;
  features: FeatureKey[];
  means: number[];
  stds: number[];
  model: LogisticModel;
  training: { rows: number; churned: number; renewals: number; clients: number };
  references: ReferenceCase[];
}

export interface Observation { client: ClientHistory; k: number; date: string; values: FeatureValues; completeness: number }

export function observations(histories: readonly ClientHistory[], anchor: string, maxBuckets = MAX_BUCKETS): Observation[] {
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

const vector = (values: FeatureValues) => FEATURES.map((f) => values[f.key]);


/** Observations this close to their next renewal are the ones the model learns from and is judged on. */
export const WINDOW_DAYS = 90;
const withinWindow = (o: Observation) => {
  const r = nextRenewalAfter(o.client, o.date);
  return r !== null && daysBetween(o.date, r) <= WINDOW_DAYS;
};

function fit(rows: Observation[], knownBy: string) {
  const labelled = rows.filter((o) => withinWindow(o)).map((o) => ({ o, y: nextRenewalLabel(o.client, o.date, knownBy) })).filter((r): r is { o: Observation; y: 0 | 1 } => r.y !== null);
  if (!labelled.some((r) => r.y === 1) || !labelled.some((r) => r.y === 0)) throw new NotEnoughHistory();
  const s = standardizer(labelled.map((r) => vector(r.o.values)));
  // Every renewal counts once, however many observations led up to it: the rows of one renewal
  // are not independent evidence, and counting them all would make the model overconfident.
  const group = (o: Observation) => `${o.client.id}|${nextRenewalAfter(o.client, o.date)}`;
  const perGroup = new Map<string, number>();
  for (const r of labelled) perGroup.set(group(r.o), (perGroup.get(group(r.o)) ?? 0) + 1);
  const m = fitLogistic(labelled.map((r) => standardize(vector(r.o.values), s)), labelled.map((r) => r.y), { l2: L2, sampleWeights: labelled.map((r) => 1 / (perGroup.get(group(r.o)) ?? 1)) });
  return { ...s, model: { intercept: m.intercept, weights: m.weights }, rows: labelled.length, churned: labelled.filter((r) => r.y === 1).length };
}

/** Train on every observation whose next renewal had happened by the anchor date. */
export function trainChurnModel(histories: readonly ClientHistory[], anchor: string, trainedAt: string): ChurnModel {
  const rows = observations(histories, anchor);
  const f = fit(rows, anchor);
  const model: ChurnModel = {
    trained_at: trainedAt,
    anchor,
    features: FEATURES.map((x) => x.key),
    means: f.means,
    stds: f.stds,
    model: f.model,
    training: { rows: f.rows, churned: f.churned, renewals: histories.reduce((n, h) => n + h.renewals.length, 0), clients: new Set(rows.map((r) => r.client.id)).size },
    references: [],
  };
  model.references = referenceCases(rows, model);
  return model;
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
  for (const [, obs] of byClient) {
    const h = obs[0].client;
    for (const r of h.renewals) {
      const target = addDays(r.date, -60);
      const near = obs.filter((o) => o.date <= r.date && Math.abs(Date.parse(o.date) - Date.parse(target)) <= 16 * 86_400_000);
      if (!near.length) continue;
      const o = near.sort((a, b) => Math.abs(Date.parse(a.date) - Date.parse(target)) - Math.abs(Date.parse(b.date) - Date.parse(target)))[0];
      cases.push({ client_id: h.id, name: h.name, renewal_date: r.date, outcome: r.outcome, z: standardize(vector(o.values), model).map((v) => Math.round(v * 1000) / 1000) });
    }
  }
  // Bounded (the model is one stored row): every churn, then the most recent renewals.
  const churned = cases.filter((c) => c.outcome === "CHURNED");
  const renewed = cases.filter((c) => c.outcome === "RENEWED").sort((a, b) => b.renewal_date.localeCompare(a.renewal_date));
  return [...churned.slice(-cap / 2), ...renewed].slice(0, cap);
}

export interface FactorContribution { factor: FactorKey; label: string; contribution: number; impact: "high" | "medium" | "low"; detail: string }

export interface ChurnPrediction {
  /** Chance of not renewing at the next renewal: Client.churn_risk_score is this in percent. */
  probability_next_renewal: number;
  next_renewal_date: string | null;
  days_to_renewal: number | null;
  /** Chance of churning within 30, 60 and 90 days. */
  horizons: Record<`${Horizon}`, number>;
  churn_risk_score: number;
  risk_category: "LOW" | "MEDIUM" | "HIGH";
  confidence: { level: "high" | "medium" | "low"; score: number; reason: string };
  /** intercept + Σ contributions = logit, and sigmoid(logit) = probability_next_renewal. */
  explanation: { baseline_logit: number; logit: number; factors: FactorContribution[]; feature_contributions: Record<FeatureKey, number> };
  values: FeatureValues;
}

const impactOf = (c: number): "high" | "medium" | "low" => (Math.abs(c) >= 0.6 ? "high" : Math.abs(c) >= 0.25 ? "medium" : "low");

export function predictChurn(model: ChurnModel, history: ClientHistory, anchor: string, k = 0): ChurnPrediction {
  const { values, completeness } = featuresAt(history, anchor, k);
  const date = observationDate(anchor, k);
  const z = standardize(vector(values), model);
  const z0 = logit(model.model, z);
  const p = sigmoid(z0);
  const renewal = nextRenewalAfter(history, date);
  const days = renewal ? daysBetween(date, renewal) : null;
  const featureContributions = Object.fromEntries(FEATURES.map((f, j) => [f.key, model.model.weights[j] * z[j]])) as Record<FeatureKey, number>;
  const byFactor = new Map<FactorKey, number>();
  FEATURES.forEach((f) => byFactor.set(f.factor, (byFactor.get(f.factor) ?? 0) + featureContributions[f.key]));
  const factors = [...byFactor]
    .map(([factor, contribution]) => ({ factor, label: FACTOR_LABELS[factor], contribution: round(contribution), impact: impactOf(contribution), detail: explainFactor(factor, values) }))
    .sort((a, b) => b.contribution - a.contribution);
  const score = Math.round(100 * p);
  const level = completeness >= 0.85 ? "high" : completeness >= 0.6 ? "medium" : "low";
  return {
    probability_next_renewal: round(p),
    next_renewal_date: renewal,
    days_to_renewal: days,
    horizons: Object.fromEntries(HORIZONS.map((h) => [h, horizonProbability(p, days, h)])) as Record<`${Horizon}`, number>,
    churn_risk_score: score,
    risk_category: churnRiskCategory(score) ?? "LOW",
    confidence: {
      level,
      score: Math.round(100 * completeness),
      reason: completeness === 1 ? "every input is known" : `${Math.round(100 * (1 - completeness))}% of the key inputs are missing and were taken as average`,
    },
    explanation: { baseline_logit: round(model.model.intercept), logit: round(z0), factors, feature_contributions: featureContributions },
    values,
  };
}

/** Churn within H days: only a renewal ends a contract, so it is the renewal risk if one falls inside. */
export const horizonProbability = (p: number, daysToRenewal: number | null, h: number) => (daysToRenewal !== null && daysToRenewal <= h ? round(p) : 0);

/** Risk factors in the PRD's shape, for Client.ai_risk_factors: what raises risk, strongest first. */
export function riskFactors(p: ChurnPrediction, max = 4): RiskFactor[] {
  return p.explanation.factors.filter((f) => f.contribution >= 0.1).slice(0, max).map((f) => ({ factor: f.factor, impact: f.impact, detail: f.detail }));
}

/** The most similar past renewals, weighting each feature by how much the model uses it. */
export function similarCases(model: ChurnModel, history: ClientHistory, anchor: string, n = 5) {
  const z = standardize(vector(featuresAt(history, anchor, 0).values), model);
  const weights = model.model.weights.map((w, j) => (FEATURES[j].factor === "renewal_timing" || FEATURES[j].factor === "seasonality" ? 0 : Math.abs(w)));
  return model.references
    .filter((r) => r.client_id !== history.id)
    .map((r) => ({ r, d: Math.sqrt(r.z.reduce((s, v, j) => s + weights[j] * (v - z[j]) ** 2, 0)) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map(({ r, d }) => ({ client_id: r.client_id, name: r.name, renewal_date: r.renewal_date, outcome: r.outcome === "CHURNED" ? ("CHURNED" as const) : ("RETAINED" as const), similarity: Math.round(100 / (1 + d)) }));
}

export interface Evaluation { rows: number; churns: number; auc: number | null; brier: number | null; accuracy: number | null; top_decile: { precision: number | null; recall: number | null; size: number }; calibration: CalibrationBin[] }

export interface Backtest {
  cutoff: string;
  test_to: string;
  train: { rows: number; churned: number };
  /** Will the next renewal be lost? Scored from observations on or after the cutoff. */
  next_renewal: Evaluation;
  /** Churn within 30/60/90 days of each observation. */
  horizons: ({ horizon: Horizon } & Evaluation)[];
}

function evaluate(p: number[], y: (0 | 1)[]): Evaluation {
  return {
    rows: y.length,
    churns: y.filter((v) => v === 1).length,
    auc: nullableRound(auc(p, y)),
    brier: nullableRound(brier(p, y)),
    accuracy: nullableRound(accuracy(p, y)),
    top_decile: topDecile(p, y),
    calibration: calibrationTable(p, y),
  };
}

/**
 * Time-based backtest: fit only on what was known at the cutoff (observations whose next
 * renewal had happened by then), then score every observation from the cutoff on and compare
 * with what happened after.
 */
export function backtestChurnModel(histories: readonly ClientHistory[], anchor: string, testDays = 180): Backtest {
  const cutoff = addDays(anchor, -testDays);
  const rows = observations(histories, anchor);
  const f = fit(rows.filter((o) => o.date < cutoff), cutoff);
  const test = rows.filter((o) => o.date >= cutoff);
  const scored = test.map((o) => ({ o, p: sigmoid(logit(f.model, standardize(vector(o.values), f))) }));
  const next = scored.filter((s) => withinWindow(s.o)).map((s) => ({ ...s, y: nextRenewalLabel(s.o.client, s.o.date, anchor) })).filter((s): s is typeof s & { y: 0 | 1 } => s.y !== null);
  return {
    cutoff,
    test_to: anchor,
    train: { rows: f.rows, churned: f.churned },
    next_renewal: evaluate(next.map((s) => s.p), next.map((s) => s.y)),
    horizons: HORIZONS.map((h) => {
      const known = scored
        .map((s) => {
          const renewal = nextRenewalAfter(s.o.client, s.o.date);
          return { p: horizonProbability(s.p, renewal ? daysBetween(s.o.date, renewal) : null, h), y: churnLabel(s.o.client, anchor, s.o.k, h) };
        })
        .filter((s): s is { p: number; y: 0 | 1 } => s.y !== null);
      return { horizon: h, ...evaluate(known.map((s) => s.p), known.map((s) => s.y)) };
    }),
  };
}

/** Strongest factors: weight per standard deviation of each feature. */
export function topModelFactors(model: ChurnModel, n = 8) {
  return FEATURES.map((f, j) => ({ feature: f.key, factor: f.factor, weight_per_sd: round(model.model.weights[j]) }))
    .sort((a, b) => Math.abs(b.weight_per_sd) - Math.abs(a.weight_per_sd))
    .slice(0, n);
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const nullableRound = (v: number | null) => (v === null ? null : round(v));
