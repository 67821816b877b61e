import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";

import { acmeId, asUser, JANE, JOHN, type Json, rows, TODAY, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// Churn prediction end to end on the seeded test portfolio: the weekly cron trains and stores a
// model and scores every client; the three endpoints answer from it and agree with the database.

const runWeeklyCron = trainChurnModelByCron;

describe("churn model", () => {
  it("answers 409 with what to do before any model is trained", async () => {
    for (const path of [`/clients/${await acmeId()}/churn-risk`, "/analytics/churn-model"]) {
      const res = await asUser(VP, path);
      expect(res.status, path).toBe(409);
      const body = await res.json<Json>();
      expect(body.error.code).toBe("CONFLICT");
      expect(body.error.details[0].action).toMatch(/churn-model\/train/);
    }
  });

  it("trains on the weekly cron, stores the version with its backtest, and scores every active client", async () => {
    await runWeeklyCron();
    const models = await rows(
      "SELECT version, is_current, training_rows, training_churns, trigger, backtest FROM churn_models",
    );
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ version: 1, is_current: 1, trigger: "weekly" });
    expect(models[0].training_churns).toBeGreaterThan(0);
    expect(JSON.parse(models[0].backtest).next_renewal.rows).toBeGreaterThan(0);
    const unscored = await rows(
      `SELECT c.id FROM clients c JOIN client_health_scores s ON s.client_id = c.id AND s.date = ?
      WHERE c.account_status = 'ACTIVE' AND c.churn_risk_score IS NULL`,
      TODAY,
    );
    expect(unscored).toEqual([]);

    const report = await (await asUser(JANE, "/analytics/churn-model")).json<Json>();
    expect(report).toMatchObject({ version: 1, trained_on_data_to: TODAY, trigger: "weekly" });
    expect(report.backtest.horizons.map((h: Json) => h.horizon)).toEqual([30, 60, 90]);
    expect(report.backtest.next_renewal.calibration.reduce((n: number, b: Json) => n + b.count, 0)).toBe(
      report.backtest.next_renewal.rows,
    );
    expect(report.top_factors.length).toBeGreaterThan(0);
    // Which candidate won, with each candidate's backtest.
    expect(report.backtest.candidates.map((c: Json) => c.model)).toEqual([
      "logistic_regression",
      "gradient_boosted_trees",
    ]);
    expect(report.backtest.candidates.filter((c: Json) => c.chosen).map((c: Json) => c.model)).toEqual([report.model]);
    expect(report.selection.winner).toBe(report.model);
    expect(report.backtest.folds.length).toBeGreaterThan(0);
    expect(report.calibration.a).toBeGreaterThan(0);
    expect(report.versions).toEqual([expect.objectContaining({ version: 1, is_current: true })]);
  });

  it("explains a client's risk: contributions add up to the logit, the score is the stored one", async () => {
    await runWeeklyCron();
    const id = await acmeId();
    const res = await asUser(JANE, `/clients/${id}/churn-risk`);
    expect(res.status).toBe(200);
    const r = await res.json<Json>();
    const sum = r.factors.reduce((s: number, f: Json) => s + f.contribution, r.explanation.baseline_logit);
    expect(sum).toBeCloseTo(r.explanation.logit, 2);
    expect(1 / (1 + Math.exp(-r.explanation.logit))).toBeCloseTo(r.probability_next_renewal, 3);
    const stored = (
      await rows(
        "SELECT churn_risk_score, churn_risk_category, ai_risk_factors, next_renewal_date FROM clients WHERE id = ?",
        id,
      )
    )[0];
    expect(r.churn_risk_score).toBe(stored.churn_risk_score);
    expect(r.churn_risk_score).toBe(Math.round(100 * r.probability_next_renewal));
    // The stored category: the PRD's band, or higher when the client is among the book's riskiest.
    expect(r.risk_category).toBe(stored.churn_risk_category);
    const absolute = r.churn_risk_score > 50 ? 2 : r.churn_risk_score >= 20 ? 1 : 0;
    expect({ LOW: 0, MEDIUM: 1, HIGH: 2 }[r.risk_category as "LOW"]).toBeGreaterThanOrEqual(absolute);
    expect(r.risk_category_reason.length).toBeGreaterThan(10);
    expect(r.next_renewal_date).toBe(stored.next_renewal_date);
    // Only a renewal ends a contract: inside the window the risk is the renewal's, outside 0.
    for (const h of r.horizons)
      expect(h.probability).toBe(r.days_to_renewal <= h.days ? r.probability_next_renewal : 0);
    // The list a CSM sees everywhere (ai_risk_factors) is the drivers, in the same order.
    expect(JSON.parse(stored.ai_risk_factors)).toEqual(
      r.drivers.map((d: Json) => ({ factor: d.factor, impact: d.impact, detail: d.detail })),
    );
    expect(r.model.kind).toMatch(/^(logistic_regression|gradient_boosted_trees)$/);
    for (const f of r.factors) expect(f.detail.length).toBeGreaterThan(5);
    expect(r.similar_clients.length).toBeGreaterThan(0);
    expect(r.similar_clients.length).toBeLessThanOrEqual(5);
    for (const s of r.similar_clients) {
      expect(["RETAINED", "CHURNED"]).toContain(s.outcome);
      expect(s.client_id).not.toBe(id);
      // Named only when Jane may see that client.
      if (s.client_id)
        expect((await rows("SELECT csm_user_id FROM clients WHERE id = ?", s.client_id))[0].csm_user_id).toBe(
          "usr_jane_smith",
        );
      else expect(s.name).toMatch(/^An? \w+ client in /);
    }
  });

  it("keeps the score current: a health recalculation rescores the client", async () => {
    await runWeeklyCron();
    const id = await acmeId();
    await env.DB.prepare("UPDATE clients SET churn_risk_score = NULL, ai_risk_factors = NULL WHERE id = ?")
      .bind(id)
      .run();
    const res = await asUser(JANE, `/clients/${id}/health/refresh`, { method: "POST" });
    expect(res.status).toBe(200);
    expect((await rows("SELECT churn_risk_score FROM clients WHERE id = ?", id))[0].churn_risk_score).not.toBeNull();
  });

  it("sums the portfolio view and next quarter's expected churn from the stored scores, within scope", async () => {
    await runWeeklyCron();
    const p = await (await asUser(JANE, "/analytics/churn-risk")).json<Json>();
    const mine = await rows(
      "SELECT churn_risk_score AS s, annual_recurring_revenue AS arr, next_renewal_date AS r FROM clients WHERE account_status = 'ACTIVE' AND csm_user_id = 'usr_jane_smith'",
    );
    expect(p.clients).toBe(mine.length);
    expect(p.by_category.reduce((n: number, c: Json) => n + c.clients, 0)).toBe(p.scored);
    const window = mine.filter((c) => c.s !== null && c.r >= TODAY && c.r <= addDays(TODAY, 90));
    expect(p.next_quarter.renewals).toBe(window.length);
    expect(p.next_quarter.expected_churn_clients).toBeCloseTo(
      window.reduce((t, c) => t + c.s / 100, 0),
      2,
    );
    expect(p.next_quarter.expected_churn_arr).toBe(Math.round(window.reduce((t, c) => t + (c.arr * c.s) / 100, 0)));
    const names = new Set(mine.map((c) => c.s));
    expect(p.highest_risk.every((c: Json) => names.has(c.churn_risk_score))).toBe(true);
    const all = await (await asUser(VP, "/analytics/churn-risk")).json<Json>();
    expect(all.clients).toBe((await rows("SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE'"))[0].n);
  });

  it("lets a VP retrain now (a new current version) and refuses a CSM", async () => {
    await runWeeklyCron();
    const before = (await rows("SELECT max(version) AS v FROM churn_models"))[0].v as number;
    const denied = await asUser(JANE, "/analytics/churn-model/train", { method: "POST" });
    expect(denied.status).toBe(403);
    const res = await asUser(VP, "/analytics/churn-model/train", { method: "POST" });
    expect(res.status).toBe(201);
    expect((await res.json<Json>()).version).toBe(before + 1);
    expect(await rows("SELECT version, trigger FROM churn_models WHERE is_current = 1")).toEqual([
      { version: before + 1, trigger: "manual" },
    ]);
    expect((await rows("SELECT count(*) AS n FROM churn_models"))[0].n).toBe(before + 1);
  });

  it("refuses bad input and hides other CSMs' clients", async () => {
    await runWeeklyCron();
    const id = await acmeId();
    expect((await asUser(JOHN, `/clients/${id}/churn-risk`)).status).toBe(404);
    expect((await asUser(JANE, "/clients/bad%20id/churn-risk")).status).toBe(400);
    for (const path of [
      `/clients/${id}/churn-risk?horizon=30`,
      "/analytics/churn-risk?x=1",
      "/analytics/churn-model?v=2",
    ]) {
      const res = await asUser(VP, path);
      expect(res.status, path).toBe(400);
      expect((await res.json<Json>()).error.code).toBe("BAD_REQUEST");
    }
  });
});

describe("health-weight suggestion from churn history", () => {
  const defaultId = async () =>
    (await rows("SELECT id FROM health_score_configs WHERE is_default = 1 AND is_active = 1"))[0].id as string;

  it("shows the suggestion with the backtest of current against suggested weights", async () => {
    const id = await defaultId();
    const res = await asUser(VP, `/config/health-score/${id}/suggestion`);
    expect(res.status).toBe(200);
    const s = await res.json<Json>();
    const renewals = (await rows("SELECT count(*) AS n FROM renewal_outcomes"))[0].n;
    expect(s.cases).toBeGreaterThan(0);
    expect(s.cases).toBeLessThanOrEqual(renewals);
    const cfg = (
      await rows(
        "SELECT usage_weight, adoption_weight, support_weight, relationship_weight, contract_weight, outcome_weight FROM health_score_configs WHERE id = ?",
        id,
      )
    )[0];
    expect(s.current_weights).toEqual({
      usage: cfg.usage_weight,
      adoption: cfg.adoption_weight,
      support: cfg.support_weight,
      relationship: cfg.relationship_weight,
      contract: cfg.contract_weight,
      outcome: cfg.outcome_weight,
    });
    expect(s.suggested_weights).not.toBeNull();
    expect(Object.values(s.suggested_weights as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(100);
    expect(s.backtest).toHaveProperty("current_auc");
    expect(s.backtest).toHaveProperty("suggested_auc");
  });

  it("lets the VP apply it as a new version; a CSM can neither read nor apply it", async () => {
    const id = await defaultId();
    expect((await asUser(JANE, `/config/health-score/${id}/suggestion`)).status).toBe(403);
    expect((await asUser(JANE, `/config/health-score/${id}/suggestion/apply`, { method: "POST" })).status).toBe(403);
    const s = await (await asUser(VP, `/config/health-score/${id}/suggestion`)).json<Json>();
    const res = await asUser(VP, `/config/health-score/${id}/suggestion/apply`, { method: "POST" });
    expect(res.status).toBe(201);
    const applied = await res.json<Json>();
    const active = (
      await rows(
        "SELECT id, version, previous_version_id, usage_weight, contract_weight, description FROM health_score_configs WHERE is_default = 1 AND is_active = 1",
      )
    )[0];
    expect(active).toMatchObject({
      id: applied.config.id,
      previous_version_id: id,
      usage_weight: s.suggested_weights.usage,
      contract_weight: s.suggested_weights.contract,
    });
    expect(active.description).toMatch(/suggested from \d+ past renewals/);
    expect((await asUser(VP, "/config/health-score/nope/suggestion")).status).toBe(404);
  });
});
