import { addDays } from "#worker/core/dates";
import type { HealthWeights } from "#worker/core/types";

import { type ClientHistory, observationDate } from "./churn-features";
import { fitLogistic, standardize, standardizer } from "./logistic-regression";
import { auc } from "./metrics";

// Health-score weights that best separate past churners from renewers (US-015-020, AI
// enhancement). Each known renewal is one case: the six component scores about 60 days before
// it, and whether the client left. A logistic regression on the components says how much each
// point of each component lowers the odds of churn; the suggested weights follow those effects
// (every component keeps at least 5%, so none silently drops out of the score). The suggestion
// is judged the honest way: fitted on renewals before a cutoff, scored on the ones after.

export const COMPONENTS = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;
const MIN_WEIGHT = 5;

export interface RenewalCase {
  client_id: string;
  date: string;
  churned: 0 | 1;
  components: HealthWeights;
}

export function renewalCases(histories: readonly ClientHistory[], anchor: string): RenewalCase[] {
  const cases: RenewalCase[] = [];
  for (const h of histories) {
    for (const r of h.renewals) {
      if (r.date > anchor) continue;
      const target = Date.parse(addDays(r.date, -60));
      let best: { k: number; gap: number } | null = null;
      for (const k of h.health.keys()) {
        const date = observationDate(anchor, k);
        const gap = Math.abs(Date.parse(date) - target);
        if (date < r.date && gap <= 16 * 86_400_000 && (!best || gap < best.gap)) best = { k, gap };
      }
      const snap = best ? h.health.get(best.k) : undefined;
      if (!snap) continue;
      const values = [snap.usage, snap.adoption, snap.support, snap.relationship, snap.contract, snap.outcome ?? null];
      if (values.some((v) => v === null || v === undefined)) continue;
      cases.push({
        client_id: h.id,
        date: r.date,
        churned: r.outcome === "CHURNED" ? 1 : 0,
        components: asWeights(values as number[]),
      });
    }
  }
  return cases;
}

const vector = (c: RenewalCase) => COMPONENTS.map((k) => c.components[k]);
/** Six numbers in component order as a HealthWeights record. */
const asWeights = (values: readonly number[]): HealthWeights => ({
  usage: values[0],
  adoption: values[1],
  support: values[2],
  relationship: values[3],
  contract: values[4],
  outcome: values[5],
});

const score = (w: HealthWeights, c: RenewalCase) => COMPONENTS.reduce((s, k) => s + (w[k] * c.components[k]) / 100, 0);

/** How well a weighting ranks churners below renewers: AUC of the (negated) health score. */
export function weightsAuc(w: HealthWeights, cases: readonly RenewalCase[]): number | null {
  return auc(
    cases.map((c) => -score(w, c)),
    cases.map((c) => c.churned),
  );
}

/** Whole-number weights summing to 100 in proportion to each component's protective effect. */
export function fitWeights(
  cases: readonly RenewalCase[],
): { weights: HealthWeights; effects: Record<(typeof COMPONENTS)[number], number> } | null {
  if (!cases.some((c) => c.churned) || !cases.some((c) => !c.churned)) return null;
  const X = cases.map(vector);
  const s = standardizer(X);
  const m = fitLogistic(
    X.map((r) => standardize(r, s)),
    cases.map((c) => c.churned),
    { l2: 1 },
  );
  // Change in churn log-odds per point of each component; negative means protective.
  const perPoint = m.weights.map((w, j) => w / s.stds[j]);
  const protective = perPoint.map((b) => Math.max(0, -b));
  const total = protective.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const spare = 100 - MIN_WEIGHT * COMPONENTS.length;
  const exact = protective.map((p) => MIN_WEIGHT + (spare * p) / total);
  // Largest remainder: round down, then give the leftover points to the largest fractions.
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  for (const j of exact
    .map((v, j) => ({ j, f: v - Math.floor(v) }))
    .sort((a, b) => b.f - a.f)
    .map((x) => x.j)) {
    if (left-- <= 0) break;
    floors[j]++;
  }
  return {
    weights: asWeights(floors),
    effects: Object.fromEntries(COMPONENTS.map((k, j) => [k, Math.round(perPoint[j] * 10_000) / 10_000])) as Record<
      (typeof COMPONENTS)[number],
      number
    >,
  };
}

export function suggestWeights(cases: readonly RenewalCase[], current: HealthWeights, anchor: string, testDays = 180) {
  const cutoff = addDays(anchor, -testDays);
  const train = cases.filter((c) => c.date < cutoff);
  const test = cases.filter((c) => c.date >= cutoff);
  const all = fitWeights(cases);
  const early = fitWeights(train);
  const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
  return {
    cases: cases.length,
    churned: cases.filter((c) => c.churned).length,
    current_weights: current,
    suggested_weights: all?.weights ?? null,
    effect_per_point: all?.effects ?? null,
    in_sample: {
      current_auc: r4(weightsAuc(current, cases)),
      suggested_auc: all ? r4(weightsAuc(all.weights, cases)) : null,
    },
    backtest: {
      cutoff,
      train_cases: train.length,
      test_cases: test.length,
      test_churns: test.filter((c) => c.churned).length,
      weights_fitted_before_cutoff: early?.weights ?? null,
      current_auc: r4(weightsAuc(current, test)),
      suggested_auc: early ? r4(weightsAuc(early.weights, test)) : null,
    },
  };
}
