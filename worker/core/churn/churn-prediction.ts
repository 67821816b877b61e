import { daysBetween } from "#worker/core/dates";
import type { RiskFactor } from "#worker/core/types";

import { horizonProbability } from "./churn-backtest";
import {
  type ClientHistory,
  type FeatureKey,
  FEATURES,
  featuresAt,
  type FeatureValues,
  nextRenewalAfter,
  observationDate,
} from "./churn-features";
import { type ChurnModel, type Horizon, HORIZONS, vector } from "./churn-model";
import {
  type ClientRiskFigures,
  describeGroup,
  FACTOR_GROUPS,
  type FactorGroup,
  GROUP_LABELS,
  impactOf,
  riskDrivers,
  type TypicalFigures,
} from "./factor-text";
import { sigmoid, standardize } from "./logistic-regression";
import { CANDIDATE_LABELS, rawContributions } from "./model-selection";
import { categoryReason, type RiskCategory, riskCategory } from "./risk-bands";

export { horizonProbability } from "./churn-backtest";

// One client's churn prediction and its explanation. Contributions are exact for the chosen
// model: for logistic regression w × (x − mean) / sd, for trees TreeSHAP; both on the calibrated
// log-odds scale, so baseline + Σ contributions = logit and σ(logit) = the probability.

export interface GroupContribution {
  factor: FactorGroup;
  label: string;
  contribution: number;
  direction: "raises" | "lowers";
  impact: "high" | "medium" | "low";
  detail: string;
}
export type RiskDriver = RiskFactor & { label: string; contribution: number };

export interface ChurnPrediction {
  /** Chance of not renewing at the next renewal: Client.churn_risk_score is this in percent. */
  probability_next_renewal: number;
  next_renewal_date: string | null;
  days_to_renewal: number | null;
  /** Chance of churning within 30, 60 and 90 days (never decreasing with the horizon). */
  horizons: Record<`${Horizon}`, number>;
  churn_risk_score: number;
  risk_category: RiskCategory;
  risk_category_reason: string;
  confidence: { level: "high" | "medium" | "low"; score: number; reason: string };
  /** What raises this client's risk, in the CSM's words (Client.ai_risk_factors). */
  drivers: RiskDriver[];
  /** baseline_logit + Σ factors' contributions = logit, and sigmoid(logit) = probability_next_renewal. */
  explanation: {
    model: string;
    baseline_logit: number;
    logit: number;
    factors: GroupContribution[];
    feature_contributions: Record<FeatureKey, number>;
  };
  values: FeatureValues;
  figures: ClientRiskFigures;
}

/** The client's figures in plain units, from its feature values. */
export function figuresFrom(v: FeatureValues, daysToRenewal: number | null): ClientRiskFigures {
  return {
    dau_change_pct: v.dau_change_pct,
    active_share_60d: v.active_share_60d,
    active_share_before:
      v.active_share_60d !== null && v.active_share_drop !== null ? v.active_share_60d + v.active_share_drop : null,
    usage_score: v.usage_score,
    adoption_score: v.adoption_score,
    support_score: v.support_score,
    tickets_30d: v.tickets_30d ?? 0,
    high_tickets_30d: v.high_tickets_30d ?? 0,
    days_since_contact: v.days_since_contact === null || v.days_since_contact >= 365 ? null : v.days_since_contact,
    relationship_score: v.relationship_score,
    nps: v.nps,
    contract_score: v.contract_score,
    health_change_30d: v.health_change_30d,
    tenure_years: v.tenure_years ?? 0,
    days_to_renewal: daysToRenewal,
  };
}

/** The typical client of the training data (its means), for "below typical" wording. */
export function typicalFigures(model: ChurnModel): TypicalFigures {
  const mean = (k: FeatureKey) => model.scorer.means[FEATURES.findIndex((f) => f.key === k)] ?? 0;
  return {
    active_share_60d: mean("active_share_60d"),
    usage_score: mean("usage_score"),
    adoption_score: mean("adoption_score"),
    tickets_30d: mean("tickets_30d"),
    contract_score: mean("contract_score"),
  };
}

export function predictChurn(model: ChurnModel, history: ClientHistory, anchor: string, k = 0): ChurnPrediction {
  const { values, completeness } = featuresAt(history, anchor, k);
  const date = observationDate(anchor, k);
  const s = model.scorer;
  const z = standardize(vector(values), s);
  const raw = rawContributions(s.model, z);
  const baseline = s.platt.a * raw.base + s.platt.b;
  const phi = raw.phi.map((v) => s.platt.a * v);
  const logit = phi.reduce((a, b) => a + b, baseline);
  const p = sigmoid(logit);
  const renewal = nextRenewalAfter(history, date);
  const days = renewal ? daysBetween(date, renewal) : null;
  const figures = figuresFrom(values, days);
  const featureContributions = Object.fromEntries(FEATURES.map((f, j) => [f.key, phi[j]])) as Record<
    FeatureKey,
    number
  >;
  const byGroup = new Map<FactorGroup, number>(FACTOR_GROUPS.map((g) => [g, 0]));
  FEATURES.forEach((f, j) => byGroup.set(f.factor, (byGroup.get(f.factor) ?? 0) + phi[j]));
  const factors = [...byGroup]
    .map(([factor, c]) => ({
      factor,
      label: GROUP_LABELS[factor],
      contribution: round(c),
      direction: c > 0 ? ("raises" as const) : ("lowers" as const),
      impact: impactOf(c),
      detail: describeGroup(factor, figures),
    }))
    .sort((a, b) => b.contribution - a.contribution);
  const score = Math.round(100 * p);
  const level = completeness >= 0.85 ? "high" : completeness >= 0.6 ? "medium" : "low";
  return {
    probability_next_renewal: round(p),
    next_renewal_date: renewal,
    days_to_renewal: days,
    horizons: Object.fromEntries(HORIZONS.map((h) => [h, horizonProbability(p, days, h)])) as Record<
      `${Horizon}`,
      number
    >,
    churn_risk_score: score,
    risk_category: riskCategory(score, model.risk_bands),
    risk_category_reason: categoryReason(score, model.risk_bands),
    confidence: {
      level,
      score: Math.round(100 * completeness),
      reason:
        completeness === 1
          ? "every input is known"
          : `${Math.round(100 * (1 - completeness))}% of the key inputs are missing and were taken as average`,
    },
    drivers: riskDrivers(
      [...byGroup].map(([group, contribution]) => ({ group, contribution: round(contribution) })),
      figures,
      typicalFigures(model),
    ),
    explanation: {
      model: CANDIDATE_LABELS[s.model.kind],
      baseline_logit: round(baseline),
      logit: round(logit),
      factors,
      feature_contributions: featureContributions,
    },
    values,
    figures,
  };
}

/** Risk factors in the PRD's shape, for Client.ai_risk_factors: the drivers, strongest first. */
export function riskFactors(p: ChurnPrediction): RiskFactor[] {
  return p.drivers.map((d) => ({ factor: d.factor, impact: d.impact, detail: d.detail }));
}

/** The most similar past renewals, weighting each feature by how much the model leans on it. */
export function similarCases(model: ChurnModel, history: ClientHistory, anchor: string, n = 5) {
  const z = standardize(vector(featuresAt(history, anchor, 0).values), model.scorer);
  const weights = model.importance.map((w, j) =>
    FEATURES[j].factor === "renewal_timing" || FEATURES[j].factor === "seasonality" ? 0 : w,
  );
  return model.references
    .filter((r) => r.client_id !== history.id)
    .map((r) => ({ r, d: Math.sqrt(r.z.reduce((s, v, j) => s + weights[j] * (v - z[j]) ** 2, 0)) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map(({ r, d }) => ({
      client_id: r.client_id,
      name: r.name,
      renewal_date: r.renewal_date,
      outcome: r.outcome === "CHURNED" ? ("CHURNED" as const) : ("RETAINED" as const),
      similarity: Math.round(100 / (1 + d)),
    }));
}

/** What the model leans on: mean |contribution| per feature; for LR also the weight per SD. */
export function topModelFactors(model: ChurnModel, n = 8) {
  const m = model.scorer.model;
  return FEATURES.map((f, j) => ({
    feature: f.key,
    factor: f.factor,
    importance: model.importance[j] ?? 0,
    weight_per_sd: m.kind === "logistic_regression" ? round(model.scorer.platt.a * m.lr.weights[j]) : null,
  }))
    .sort((a, b) => b.importance - a.importance)
    .slice(0, n);
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
