import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";

import { acmeId, asUser, clientNamed, JANE, JOHN, TODAY, VP } from "./helpers";

let acme: string;
beforeAll(async () => {
  acme = await acmeId();
});

describe("usage analytics", () => {
  it("compares DAU/WAU/MAU over the last 30 days with the 30 before, its 90-day level and its tier cohort", async () => {
    const res = await asUser(JANE, `/clients/${acme}/usage`);
    expect(res.status).toBe(200);
    const u = await res.json<Record<string, any>>();
    for (const k of ["daily_active_users", "weekly_active_users", "monthly_active_users"]) {
      expect(u[k]).toMatchObject({
        current: expect.any(Number),
        previous_30d: expect.any(Number),
        window: "last 30 days vs the 30 before",
        baseline_90d: expect.any(Number),
        tier_cohort_average: expect.any(Number),
        trend: expect.stringMatching(/UP|DOWN|FLAT/),
      });
    }
    // Acme's story: daily users well down on the month before.
    expect(u.daily_active_users.change_pct).toBeLessThan(-20);
    // Cohort averages are per-client averages over the same 30 days: DAU never exceeds WAU.
    expect(u.daily_active_users.tier_cohort_average).toBeLessThanOrEqual(u.weekly_active_users.tier_cohort_average);
    expect(u.daily_active_users.tier_cohort_average).toBeGreaterThan(u.weekly_active_users.tier_cohort_average / 7);
    expect(u.daily_active_users.trend).toBe("DOWN");
    expect(u.sessions.total_30d).toBeGreaterThan(0);
    expect(u.stickiness_dau_mau).toBeGreaterThan(0);
    // Policy Management is licensed but not configured: 4 of 5 in use, as the Adoption tab says.
    expect(u.feature_breadth).toMatchObject({
      modules_used_30d: 4,
      modules_licensed: 5,
      modules_unused: ["POLICY_MANAGEMENT"],
    });
    expect(u.power_users.count).toBeGreaterThan(0);
    expect((await asUser(JOHN, `/clients/${acme}/usage`)).status).toBe(404);
    expect((await asUser(VP, `/clients/${acme}/usage?period=7`)).status).toBe(400);
  });

  it("lists users with the 14-day rule, champion and stakeholder tags, and no contact details", async () => {
    const res = await asUser(JANE, `/clients/${acme}/usage/users`);
    const body = await res.json<{ data: Record<string, any>[] }>();
    const sarah = body.data.find((u) => u.name === "Sarah Chen")!;
    expect(sarah).toMatchObject({
      status: "INACTIVE",
      inactive_14_days: true,
      champion: true,
      days_since_login: 21,
      key_stakeholder: { role: "CHAMPION", title: "Chief Compliance Officer" },
    });
    expect(body.data.some((u) => u.status === "ACTIVE")).toBe(true);
    expect(body.data.filter((u) => u.power_user).length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/@|\+1-555/);
  });

  it("gives logins by weekday and hour", async () => {
    const h = await (
      await asUser(JANE, `/clients/${acme}/usage/heatmap?days=30`)
    ).json<{ logins: { day: string; hours: number[] }[]; peak: { hour: number } | null }>();
    expect(h.logins.map((d) => d.day)).toEqual(["sun", "mon", "tue", "wed", "thu", "fri", "sat"]);
    expect(h.logins.every((d) => d.hours.length === 24)).toBe(true);
    const total = h.logins.flatMap((d) => d.hours).reduce((a, b) => a + b, 0);
    const sessions = await env.DB.prepare(
      "SELECT sum(total_sessions) AS n FROM client_usage_metrics WHERE client_id = ? AND date >= ?",
    )
      .bind(acme, addDays(TODAY, -29))
      .first<{ n: number }>();
    expect(total).toBe(sessions!.n);
    expect(h.peak).not.toBeNull();
    expect((await asUser(JANE, `/clients/${acme}/usage/heatmap?days=0`)).status).toBe(400);
  });
});

describe("feature adoption", () => {
  it("returns the matrix by module with the adoption score and opportunities", async () => {
    const beta = (await clientNamed("Beta Industries")).id;
    const a = await (await asUser(JANE, `/clients/${beta}/adoption`)).json<Record<string, any>>();
    expect(a.modules.map((m: { module: string }) => m.module)).toEqual([
      "CASE_MANAGEMENT",
      "DISCLOSURES",
      "POLICY_MANAGEMENT",
      "ANALYTICS",
      "CHATBOT",
      "API",
    ]);
    const cases = a.modules[0].features.find((f: { feature_key: string }) => f.feature_key === "case_creation");
    expect(cases).toMatchObject({ adoption_status: "NOT_USED", usage_30_days: 0, is_licensed: true });
    expect(a.underused_licensed.map((f: { feature_key: string }) => f.feature_key)).toContain("case_creation");
    expect(a.expansion_opportunities.map((m: { module: string }) => m.module)).toEqual(["CHATBOT", "API"]);
    expect(a.adoption_score).toBe(Math.round((a.licensed_features_used / a.licensed_features) * 100));
    const only = await (
      await asUser(JANE, `/clients/${beta}/adoption?module=ANALYTICS`)
    ).json<{ modules: { module: string }[] }>();
    expect(only.modules.map((m) => m.module)).toEqual(["ANALYTICS"]);
    expect((await asUser(JANE, `/clients/${beta}/adoption?module=GOLF`)).status).toBe(400);
  });

  it("details one feature with 60 days of daily use", async () => {
    const f = await (
      await asUser(JANE, `/clients/${acme}/adoption/dashboard_views`)
    ).json<{ feature_name: string; metric: string; daily_usage_60d: { date: string; uses: number }[] }>();
    expect(f).toMatchObject({ feature_name: "Dashboard Views", metric: "dashboard views" });
    expect(f.daily_usage_60d.length).toBeGreaterThan(10);
    expect((await asUser(JANE, `/clients/${acme}/adoption/teleport`)).status).toBe(404);
  });
});
