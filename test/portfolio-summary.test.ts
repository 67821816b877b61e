import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { asUser, JANE, VP } from "./helpers";

interface Summary {
  total_clients: { value: number; change_this_month: number };
  at_risk: { value: number; change_vs_last_week: number | null };
  avg_health: { value: number; change_vs_last_month: number | null };
  arr_at_risk: { value: number; share_of_arr_pct: number | null };
}

describe("portfolio summary cards", () => {
  it("match the database for the caller's scope", async () => {
    for (const [email, where] of [
      [VP, "1 = 1"],
      [JANE, "csm_user_id = 'usr_jane_smith'"],
    ] as const) {
      const s = await (await asUser(email, "/analytics/portfolio")).json<Summary>();
      const db = await env.DB.prepare(
        `SELECT count(*) AS n, sum(health_status IN ('AT_RISK','CRITICAL')) AS r, avg(current_health_score) AS a,
          sum(annual_recurring_revenue) AS arr, sum(CASE WHEN health_status IN ('AT_RISK','CRITICAL') THEN annual_recurring_revenue ELSE 0 END) AS risk
        FROM clients WHERE account_status = 'ACTIVE' AND ${where}`,
      ).first<{ n: number; r: number; a: number; arr: number; risk: number }>();
      expect(s.total_clients.value).toBe(db!.n);
      expect(s.at_risk.value).toBe(db!.r);
      expect(s.avg_health.value).toBe(Math.round(db!.a));
      expect(s.arr_at_risk).toEqual({ value: db!.risk, share_of_arr_pct: Math.round((100 * db!.risk) / db!.arr) });
      expect(s.avg_health.change_vs_last_month).not.toBeNull();
      expect(s.at_risk.change_vs_last_week).not.toBeNull();
    }
    expect((await asUser(VP, "/analytics/portfolio?csm=x")).status).toBe(400);
  });
});

describe("portfolio CSV export", () => {
  it("exports every client the filters match, in scope, with a header", async () => {
    const res = await asUser(JANE, "/clients?format=csv&sort=name");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "name,contract_tier,industry,region,current_health_score,health_status,health_trend,health_trend_change,churn_risk_score,annual_recurring_revenue,next_renewal_date,days_to_renewal,csm,last_csm_contact_at,tags,attention_priority,id",
    );
    const janes = await env.DB.prepare(
      "SELECT count(*) AS n FROM clients WHERE csm_user_id = 'usr_jane_smith' AND account_status = 'ACTIVE'",
    ).first<{ n: number }>();
    expect(lines.length - 1).toBe(janes!.n);
    expect(lines.slice(1).every((l) => l.includes(",Jane Smith,"))).toBe(true);
    const enterprise = (await (await asUser(VP, "/clients?format=csv&contract_tier=ENTERPRISE")).text())
      .trim()
      .split("\r\n")
      .slice(1);
    expect(enterprise.every((l) => l.split(",")[1] === "ENTERPRISE")).toBe(true);
    expect((await asUser(VP, "/clients?format=xml")).status).toBe(400);
  });
});
