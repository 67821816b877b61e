import { describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";

import { fitWeights, type RenewalCase, suggestWeights, weightsAuc } from "./weight-suggestion";

const ANCHOR = "2026-11-24";
const CURRENT = { usage: 25, adoption: 20, support: 15, relationship: 15, contract: 15, outcome: 10 };

/** Renewals where churn follows the support score alone; the other components are noise. */
function cases(n: number): RenewalCase[] {
  let s = 11;
  const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const support = Math.round(r() * 100);
    const churned = (support < 35 ? r() < 0.7 : r() < 0.05) ? 1 : 0;
    const noise = () => Math.round(r() * 100);
    return {
      client_id: `c${i}`,
      date: addDays(ANCHOR, -Math.floor(r() * 360)),
      churned,
      components: {
        usage: noise(),
        adoption: noise(),
        support,
        relationship: noise(),
        contract: noise(),
        outcome: noise(),
      },
    };
  });
}

describe("health-weight suggestion", () => {
  it("puts the weight where churn is decided, keeps every component at 5% or more, sums to 100", () => {
    const fit = fitWeights(cases(400))!;
    const w = fit.weights;
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.min(...Object.values(w))).toBeGreaterThanOrEqual(5);
    expect(w.support).toBe(Math.max(...Object.values(w)));
    expect(w.support).toBeGreaterThan(50);
    expect(fit.effects.support).toBeLessThan(0); // more support score, less churn
  });

  it("backtests both weightings on renewals after the cutoff, and the suggestion ranks churners better", () => {
    const s = suggestWeights(cases(400), CURRENT, ANCHOR);
    expect(s.backtest.cutoff).toBe(addDays(ANCHOR, -180));
    expect(s.backtest.train_cases + s.backtest.test_cases).toBe(400);
    expect(s.backtest.suggested_auc!).toBeGreaterThan(s.backtest.current_auc! + 0.1);
    expect(s.in_sample.suggested_auc!).toBeGreaterThan(s.in_sample.current_auc!);
  });

  it("scores AUC on the negated health score: churners low is good", () => {
    const c = (support: number, churned: 0 | 1): RenewalCase => ({
      client_id: "x",
      date: ANCHOR,
      churned,
      components: { usage: 50, adoption: 50, support, relationship: 50, contract: 50, outcome: 50 },
    });
    expect(weightsAuc(CURRENT, [c(10, 1), c(90, 0)])).toBe(1);
    expect(weightsAuc(CURRENT, [c(90, 1), c(10, 0)])).toBe(0);
  });

  it("has no suggestion without both outcomes", () => {
    const renewedOnly = cases(100).map((c) => ({ ...c, churned: 0 as const }));
    expect(fitWeights(renewedOnly)).toBeNull();
    expect(suggestWeights(renewedOnly, CURRENT, ANCHOR).suggested_weights).toBeNull();
  });
});
