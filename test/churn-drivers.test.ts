import { describe, expect, it } from "vitest";

import { asUser, JANE, type Json, PAGE, rows, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";
import { driverContradiction } from "./helpers/risk-driver-direction";

// The property a CSM must be able to rely on (issue 17): across the whole seeded book, no risk
// factor shown anywhere contradicts its own detail, names a factor that lowers the risk, or
// presents seasonality, ARR or tenure as a driver. Checked on every active client's churn-risk
// answer, the stored list the other screens read, the client list API, the pages, and the
// relative risk bands (High is never empty while risky clients exist).

describe("risk drivers over the whole seeded book", { timeout: 60_000 }, () => {
  it("agree with their own detail in the API, the stored list and the pages", async () => {
    await trainChurnModelByCron();
    const active = await rows(
      "SELECT id, name, csm_user_id, churn_risk_score, churn_risk_category, ai_risk_factors FROM clients WHERE account_status = 'ACTIVE' AND churn_risk_score IS NOT NULL",
    );
    expect(active.length).toBeGreaterThan(10);
    let shown = 0;
    for (const c of active) {
      const res = await asUser(VP, `/clients/${c.id}/churn-risk`);
      expect(res.status, c.name).toBe(200);
      const r = await res.json<Json>();
      const groups = new Map<string, number>(r.factors.map((f: Json) => [f.factor, f.contribution]));
      for (const d of r.drivers) {
        shown++;
        expect(driverContradiction(d), `${c.name}: ${d.factor}`).toBeNull();
        expect(d.contribution, `${c.name}: ${d.factor} must raise the risk`).toBeGreaterThan(0);
      }
      // Every group that lowers the risk is absent from the drivers.
      const lowering = [...groups].filter(([, v]) => v <= 0).length;
      expect(r.drivers.length).toBeLessThanOrEqual(r.factors.length - lowering);
      const stored = JSON.parse(c.ai_risk_factors ?? "[]") as Json[];
      expect(stored).toEqual(r.drivers.map((d: Json) => ({ factor: d.factor, impact: d.impact, detail: d.detail })));
      expect(r.risk_category).toBe(c.churn_risk_category);
    }
    expect(shown).toBeGreaterThan(0);

    // The client list (what the portfolio, chat and briefing read) carries the same drivers.
    const list = await (await asUser(VP, "/clients?limit=100")).json<Json>();
    for (const c of list.data)
      for (const f of c.ai_risk_factors) expect(driverContradiction(f), `${c.name}: ${f.factor}`).toBeNull();

    // Pages: the churn page's "why" column and each client's churn panel show only those words.
    const page = await (await asUser(VP, `${PAGE}/churn-model`)).text();
    expect(page).not.toMatch(
      /Season Sin|Active Share 60d|Seasonality: observed|ARR about|DAU up \d+%|0 high-severity of/,
    );
    const portfolio = await (await asUser(VP, "/analytics/churn-risk")).json<Json>();
    for (const c of portfolio.highest_risk)
      for (const f of c.risk_factors) expect(page).toContain(escapeHtml(f.detail));
    const mine = active.filter((c) => c.csm_user_id === "usr_jane_smith").slice(0, 3);
    for (const c of mine) {
      const html = await (await asUser(JANE, `${PAGE}/clients/${c.id}`)).text();
      const drivers = html.match(/aria-label="Risk drivers"[\s\S]*?<\/ul>/)?.[0] ?? "";
      for (const f of JSON.parse(c.ai_risk_factors ?? "[]") as Json[]) expect(drivers).toContain(escapeHtml(f.detail));
      expect(drivers).not.toMatch(/Season|ARR about|DAU up/);
    }
  });

  it("never leaves High empty while clients are scored: the riskiest tenth is High", async () => {
    await trainChurnModelByCron();
    const scored = await rows(
      "SELECT churn_risk_score AS s, churn_risk_category AS c FROM clients WHERE account_status = 'ACTIVE' AND churn_risk_score IS NOT NULL ORDER BY churn_risk_score DESC",
    );
    const high = scored.filter((r) => r.c === "HIGH");
    expect(high.length).toBeGreaterThanOrEqual(Math.ceil(scored.length / 10));
    // Monotone in the score: nobody High scores below somebody Low.
    const lowMax = Math.max(-1, ...scored.filter((r) => r.c === "LOW").map((r) => r.s));
    expect(Math.min(...high.map((r) => r.s))).toBeGreaterThan(lowMax);
    const p = await (await asUser(VP, "/analytics/churn-risk")).json<Json>();
    expect(p.by_category.find((c: Json) => c.category === "HIGH").clients).toBe(high.length);
    expect(p.risk_bands.relative.high_share).toBe(0.1);
  });
});

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
