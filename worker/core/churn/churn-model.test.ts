import { describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";

import { driverContradiction } from "../../../test/helpers/risk-driver-direction";
import {
  BUCKET_DAYS,
  type BucketStats,
  churnLabel,
  type ClientHistory,
  featuresAt,
  nextRenewalLabel,
  observationDate,
} from "./churn-features";
import {
  labelledRows,
  NotEnoughHistory,
  observations,
  trainChurnModel,
  trainWithBacktest,
  upgradeModel,
  vector,
  withRiskBands,
} from "./churn-model";
import { horizonProbability, predictChurn, riskFactors, similarCases } from "./churn-prediction";
import { fitScorer } from "./model-selection";

const ANCHOR = "2026-11-24";

/** A deterministic pseudo-random stream, so the synthetic portfolio is the same on every run. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * A synthetic portfolio whose churn is driven by usage: each client renews yearly; before a
 * churn its active share is low. Everything else is noise.
 */
function portfolio(n: number, seed = 7): ClientHistory[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const renewalOffset = Math.floor(r() * 365);
    const renewal1 = addDays(ANCHOR, -renewalOffset);
    const engagement = r();
    const churned = engagement < 0.3 ? r() < 0.8 : r() < 0.05;
    const h: ClientHistory = {
      id: `c${i}`,
      name: `Client ${i}`,
      tier: i % 3 === 0 ? "ENTERPRISE" : "PROFESSIONAL",
      arr: 20_000 + Math.floor(r() * 200_000),
      contract_start_date: addDays(ANCHOR, -900),
      go_live_date: addDays(ANCHOR, -850),
      next_renewal_date: churned ? null : addDays(renewal1, 365),
      churned_at: churned ? `${renewal1}T00:00:00Z` : null,
      renewals: [{ date: renewal1, outcome: churned ? "CHURNED" : "RENEWED" }],
      health: new Map(),
      buckets: new Map(),
    };
    for (let k = 0; k < 40; k++) {
      const date = observationDate(ANCHOR, k);
      if (h.churned_at && date >= renewal1) continue;
      const share = Math.max(0.02, engagement * 0.6 + r() * 0.1);
      const bucket: BucketStats = {
        dau: share * 50,
        users: 50,
        tickets: Math.floor(r() * 4),
        high_tickets: r() < 0.2 ? 1 : 0,
        last_contact: `${addDays(date, -Math.floor(r() * 40))}T10:00:00Z`,
        nps: null,
        nps_at: null,
      };
      h.buckets.set(k, bucket);
      const usage = Math.round(100 * share + r() * 10);
      h.health.set(k, {
        overall: 50 + Math.round(r() * 30),
        usage,
        adoption: 60,
        support: 70,
        relationship: 70,
        contract: 80,
      });
    }
    return h;
  });
}

describe("churn features", () => {
  it("never look past the observation date", () => {
    const [h] = portfolio(1);
    const before = featuresAt(h, ANCHOR, 5).values;
    // Change everything more recent than observation 5: its features must not move.
    for (let k = 0; k < 5; k++) {
      h.buckets.set(k, {
        dau: 999,
        users: 1,
        tickets: 99,
        high_tickets: 99,
        last_contact: `${ANCHOR}T00:00:00Z`,
        nps: 0,
        nps_at: `${ANCHOR}T00:00:00Z`,
      });
      h.health.set(k, { overall: 1, usage: 1, adoption: 1, support: 1, relationship: 1, contract: 1 });
    }
    expect(featuresAt(h, ANCHOR, 5).values).toEqual(before);
  });

  it("read 30 and 60-day windows from the right buckets", () => {
    const h: ClientHistory = { ...portfolio(1)[0], buckets: new Map(), health: new Map() };
    [10, 10, 20, 20, 30, 30, 30, 30].forEach((dau, k) =>
      h.buckets.set(k, {
        dau,
        users: 100,
        tickets: k < 2 ? 2 : 0,
        high_tickets: k === 1 ? 1 : 0,
        last_contact: k === 3 ? `${observationDate(ANCHOR, 3)}T09:00:00Z` : null,
        nps: k === 6 ? 4 : null,
        nps_at: k === 6 ? "2026-09-01T00:00:00Z" : null,
      }),
    );
    h.health.set(0, { overall: 60, usage: 40, adoption: 50, support: 60, relationship: 70, contract: 80 });
    h.health.set(2, { overall: 70, usage: 50, adoption: 50, support: 60, relationship: 70, contract: 80 });
    const v = featuresAt(h, ANCHOR, 0).values;
    expect(v.dau_change_pct).toBe(-50); // 10 vs 20
    expect(v.active_share_60d).toBeCloseTo(0.15, 10); // (10+10+20+20)/4 of 100 users
    expect(v.active_share_drop).toBeCloseTo(0.15, 10); // 0.30 before
    expect(v.tickets_30d).toBe(4);
    expect(v.high_tickets_30d).toBe(1);
    expect(v.days_since_contact).toBe(3 * BUCKET_DAYS);
    expect(v.nps).toBe(4);
    expect(v.nps_detractor).toBe(1);
    expect(v.health_change_30d).toBe(-10);
  });

  it("labels: next renewal's outcome once known, churn within a horizon", () => {
    const h = {
      ...portfolio(1)[0],
      renewals: [{ date: addDays(ANCHOR, -40), outcome: "CHURNED" as const }],
      next_renewal_date: null,
    };
    expect(nextRenewalLabel(h, addDays(ANCHOR, -100), ANCHOR)).toBe(1);
    expect(nextRenewalLabel(h, addDays(ANCHOR, -100), addDays(ANCHOR, -50))).toBeNull(); // not yet known then
    expect(nextRenewalLabel(h, addDays(ANCHOR, -30), ANCHOR)).toBeNull(); // nothing after
    const k = 4; // 60 days before the anchor, 20 days before the churn
    expect(churnLabel(h, ANCHOR, k, 30)).toBe(1);
    expect(churnLabel(h, ANCHOR, 6, 30)).toBe(0); // 90 days back: the churn is 50 days later
    expect(churnLabel({ ...h, renewals: [] }, ANCHOR, 1, 30)).toBeNull(); // window not over yet
  });
});

describe("churn model", () => {
  const clients = portfolio(300);
  const { model, backtest } = trainWithBacktest(clients, ANCHOR, `${ANCHOR}T04:00:00Z`);
  const active = clients.filter((c) => !c.churned_at);

  it("learns the driver: a client with a low active share is riskier, and that is what explains it", () => {
    const scored = active
      .map((h) => ({ h, p: predictChurn(model, h, ANCHOR) }))
      .sort((a, b) => (a.p.values.active_share_60d ?? 0) - (b.p.values.active_share_60d ?? 0));
    const low = scored.slice(0, 20);
    const high = scored.slice(-20);
    const mean = (xs: typeof scored) => xs.reduce((t, x) => t + x.p.probability_next_renewal, 0) / xs.length;
    expect(mean(low)).toBeGreaterThan(2 * mean(high));
    const usage = (x: (typeof scored)[number]) =>
      x.p.explanation.factors.filter((f) => f.factor === "usage_level").reduce((t, f) => t + f.contribution, 0);
    expect(low.filter((x) => usage(x) > 0).length).toBeGreaterThan(15);
    expect(model.training.churned).toBeGreaterThan(0);
  });

  it("records which candidate won, with every candidate's out-of-fold AUC", () => {
    expect(model.selection).not.toBeNull();
    expect(model.selection!.candidates.map((c) => c.model)).toEqual(["logistic_regression", "gradient_boosted_trees"]);
    expect(model.selection!.candidates.filter((c) => c.chosen).map((c) => c.model)).toEqual([model.scorer.model.kind]);
    expect(backtest!.selected).toBe(model.scorer.model.kind);
    for (const c of model.selection!.candidates) expect(c.auc).toBeGreaterThan(0.5);
  });

  it("explains each prediction exactly: baseline + contributions = logit, sigmoid(logit) = probability", () => {
    for (const h of active.slice(0, 25)) {
      const p = predictChurn(model, h, ANCHOR);
      const sum = Object.values(p.explanation.feature_contributions).reduce(
        (a, b) => a + b,
        p.explanation.baseline_logit,
      );
      expect(sum).toBeCloseTo(p.explanation.logit, 3);
      expect(p.explanation.factors.reduce((a, f) => a + f.contribution, p.explanation.baseline_logit)).toBeCloseTo(
        p.explanation.logit,
        2,
      );
      expect(1 / (1 + Math.exp(-p.explanation.logit))).toBeCloseTo(p.probability_next_renewal, 3);
      expect(p.churn_risk_score).toBe(Math.round(100 * p.probability_next_renewal));
      // No relative bands yet: the PRD's absolute bands.
      expect(p.risk_category).toBe(p.churn_risk_score > 50 ? "HIGH" : p.churn_risk_score >= 20 ? "MEDIUM" : "LOW");
      expect(p.horizons["30"]).toBeLessThanOrEqual(p.horizons["60"]);
      expect(p.horizons["60"]).toBeLessThanOrEqual(p.horizons["90"]);
    }
  });

  it("explains trees exactly too (TreeSHAP through the calibration)", () => {
    const rows = labelledRows(observations(clients, ANCHOR), ANCHOR);
    const scorer = fitScorer(
      "gradient_boosted_trees",
      rows.map((r) => vector(r.o.values)),
      rows.map((r) => r.y),
      rows.map((r) => r.w),
      { a: 0.8, b: -0.2 },
      60,
    );
    const trees = { ...model, scorer };
    for (const h of active.slice(0, 15)) {
      const p = predictChurn(trees, h, ANCHOR);
      expect(p.explanation.model).toBe("Gradient-boosted trees");
      expect(p.explanation.factors.reduce((a, f) => a + f.contribution, p.explanation.baseline_logit)).toBeCloseTo(
        p.explanation.logit,
        2,
      );
      expect(1 / (1 + Math.exp(-p.explanation.logit))).toBeCloseTo(p.probability_next_renewal, 3);
      for (const d of p.drivers) expect(driverContradiction(d), d.detail).toBeNull();
    }
  });

  it("shows a factor as a driver only when it raises the risk and the client's own figures say so", () => {
    let shown = 0;
    for (const h of active) {
      const p = predictChurn(model, h, ANCHOR);
      for (const d of p.drivers) {
        shown++;
        expect(driverContradiction(d), `${h.id}: ${d.factor}`).toBeNull();
        expect(d.contribution).toBeGreaterThanOrEqual(0.1);
      }
      expect(riskFactors(p)).toEqual(p.drivers.map((d) => ({ factor: d.factor, impact: d.impact, detail: d.detail })));
    }
    expect(shown).toBeGreaterThan(active.length / 2);
  });

  it("never calls rising usage a decline, whatever the model's weights", () => {
    const h = active[0];
    const rising: ClientHistory = { ...h, buckets: new Map(h.buckets) };
    [10, 10, 5, 5, 20, 20, 20, 20].forEach((dau, k) => rising.buckets.set(k, { ...h.buckets.get(k)!, dau, users: 50 }));
    const p = predictChurn(model, rising, ANCHOR);
    expect(p.values.dau_change_pct).toBeGreaterThan(0);
    expect(p.drivers.find((d) => d.factor === "usage_decline")?.detail ?? "").not.toMatch(/up|DAU/);
  });

  it("turns renewal risk into 30/60/90-day risk by when the renewal falls", () => {
    expect(horizonProbability(0.4, 20, 30)).toBe(0.4);
    expect(horizonProbability(0.4, 45, 30)).toBe(0);
    expect(horizonProbability(0.4, 45, 60)).toBe(0.4);
    expect(horizonProbability(0.4, null, 90)).toBe(0);
  });

  it("ranks held-out clients well in the rolling-origin backtest, with honest calibration bins", () => {
    const b = backtest!;
    // Every fold learned from renewals decided before its cutoff and is tested after it.
    expect(b.folds.length).toBeGreaterThan(0);
    expect(b.cutoff).toBe(b.folds[0].cutoff);
    for (const f of b.folds) expect([270, 180, 90].map((d) => addDays(ANCHOR, -d))).toContain(f.cutoff);
    expect(b.next_renewal.rows).toBe(b.folds.reduce((n, f) => n + f.test_rows, 0));
    // The synthetic driver is strong (80% vs 5% churn), so a working model must rank well.
    expect(b.next_renewal.auc).toBeGreaterThan(0.85);
    expect(b.next_renewal.calibration.reduce((n, c) => n + c.count, 0)).toBe(b.next_renewal.rows);
    expect(b.horizons.map((h) => h.horizon)).toEqual([30, 60, 90]);
  });

  it("puts the riskiest tenth of the book in High even when nobody passes 50%", () => {
    const scores = active.map((h) => predictChurn(model, h, ANCHOR).churn_risk_score);
    const banded = withRiskBands(
      model,
      scores.map((s) => Math.min(s, 40)),
    );
    const capped = active.map((h) => ({ ...predictChurn(banded, h, ANCHOR) }));
    const high = capped.filter((p) => p.risk_category === "HIGH");
    expect(high.length).toBeGreaterThanOrEqual(Math.ceil(active.length / 10));
    for (const p of high) expect(p.risk_category_reason).toMatch(/over 50%|riskiest tenth/);
  });

  it("finds similar past clients, never the client itself, most similar first", () => {
    const h = active[0];
    const s = similarCases(model, h, ANCHOR, 5);
    expect(s).toHaveLength(5);
    expect(s.every((c) => c.client_id !== h.id)).toBe(true);
    expect(s.map((c) => c.similarity)).toEqual([...s.map((c) => c.similarity)].sort((a, b) => b - a));
  });

  it("reads a model stored before model selection as the plain LR it was", () => {
    const legacy = {
      trained_at: ANCHOR,
      anchor: ANCHOR,
      features: model.features,
      means: model.scorer.means,
      stds: model.scorer.stds,
      model: { intercept: -1, weights: model.scorer.means.map(() => 0) },
      training: model.training,
      references: [],
    };
    const up = upgradeModel(legacy);
    expect(up.scorer.model.kind).toBe("logistic_regression");
    expect(predictChurn(up, active[0], ANCHOR).probability_next_renewal).toBeCloseTo(1 / (1 + Math.E), 4);
  });

  it("refuses to train without both outcomes", () => {
    expect(() => trainChurnModel(active, ANCHOR, ANCHOR)).toThrow(NotEnoughHistory);
  });
});
