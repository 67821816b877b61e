import { describe, expect, it } from "vitest";

import { churnForecast, poissonBinomial, quantile } from "./churn-forecast";
import { describeListPlan, describeWhere } from "./plan-answers";
import { defaultSort, type PlanRow, runAggregatePlan, runListPlan } from "./plan-exec";
import { type AggregatePlan, emptyListPlan, parsePlan, planFromToolArguments } from "./query-plan";

const TODAY = "2026-12-05";
const row = (over: Partial<PlanRow> & { id: string }): PlanRow => ({
  name: over.id,
  tier: "ENTERPRISE",
  industry: "Technology",
  region: "EMEA",
  health_status: "HEALTHY",
  health: 85,
  health_then: 85,
  churn_risk: 10,
  arr: 100_000,
  next_renewal_date: "2027-06-01",
  last_csm_contact_at: "2026-12-01T10:00:00Z",
  last_login_at: "2026-12-04T09:00:00Z",
  adoption: 70,
  attention_priority: 1,
  csm_id: "jane",
  csm_name: "Jane Smith",
  primary_driver: null,
  ...over,
});
const rows = [
  row({
    id: "a",
    health: 58,
    health_then: 72,
    health_status: "AT_RISK",
    churn_risk: 45,
    arr: 120_000,
    last_csm_contact_at: "2026-10-21T10:00:00Z",
    next_renewal_date: "2027-02-10",
  }),
  row({
    id: "b",
    health: 73,
    health_then: 85,
    health_status: "MONITOR",
    churn_risk: 30,
    arr: 80_000,
    industry: "Healthcare",
    tier: "PROFESSIONAL",
    next_renewal_date: "2026-12-20",
  }),
  row({
    id: "c",
    health: 35,
    health_then: 40,
    health_status: "CRITICAL",
    churn_risk: 70,
    arr: 300_000,
    csm_id: "john",
    csm_name: "John Doe",
    last_csm_contact_at: null,
    last_login_at: null,
    next_renewal_date: "2027-01-15",
  }),
  row({ id: "d", health: 90, health_then: 80, arr: 50_000, csm_id: "john", csm_name: "John Doe" }),
];

describe("list plans", () => {
  it("filters with negation, compares, sorts and cuts to top-N", () => {
    const notHealthy = {
      ...emptyListPlan(),
      categories: [{ field: "health_status" as const, values: ["HEALTHY" as const], negate: true }],
    };
    expect(runListPlan(rows, notHealthy, TODAY).rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
    const drop = {
      ...emptyListPlan(),
      conditions: [{ metric: "health_change" as const, op: "lt" as const, value: -10, window_days: 30 }],
    };
    expect(runListPlan(rows, drop, TODAY)).toMatchObject({ total: 2, sort: { metric: "health_change", dir: "asc" } });
    expect(runListPlan(rows, drop, TODAY).rows.map((r) => r.id)).toEqual(["a", "b"]);
    // Never contacted counts as not contacted in 60 days.
    const stale = {
      ...emptyListPlan(),
      conditions: [{ metric: "days_since_contact" as const, op: "gt" as const, value: 60 }],
    };
    expect(
      runListPlan(rows, stale, TODAY)
        .rows.map((r) => r.id)
        .sort(),
    ).toEqual(["c"]);
    const top2 = { ...emptyListPlan(), sort: { metric: "arr" as const, dir: "desc" as const }, limit: 2 };
    expect(runListPlan(rows, top2, TODAY)).toMatchObject({ total: 4, rows: [{ id: "c" }, { id: "a" }] });
    const notTech = {
      ...emptyListPlan(),
      categories: [{ field: "industry" as const, values: ["Technology"], negate: true }],
    };
    expect(runListPlan(rows, notTech, TODAY).rows.map((r) => r.id)).toEqual(["b"]);
    expect(defaultSort(emptyListPlan())).toEqual({ metric: "priority", dir: "desc" });
  });
  it("states the plan in words, naming the window", () => {
    const p = {
      ...emptyListPlan(),
      book: { csm_id: "jane", csm_name: "Jane Smith" },
      categories: [
        { field: "tier" as const, values: ["ENTERPRISE" as const], negate: false },
        { field: "health_status" as const, values: ["HEALTHY" as const], negate: true },
      ],
    };
    expect(describeWhere(p, { me_id: "jane", today: TODAY })).toBe("Enterprise, health below Healthy, your book");
    const d = {
      ...emptyListPlan(),
      conditions: [{ metric: "health_change" as const, op: "lt" as const, value: -10, window_days: 30 }],
    };
    expect(describeListPlan(d, defaultSort(d), { me_id: "vp", today: TODAY })).toBe(
      "Health dropped more than 10 points in the last 30 days (since 2026-11-05), everything you can see",
    );
  });
});

describe("aggregate plans", () => {
  const agg = (over: Partial<AggregatePlan>): AggregatePlan => ({
    kind: "aggregate",
    book: { csm_id: null, csm_name: null },
    categories: [],
    conditions: [],
    measure: "count",
    group_by: null,
    order: "desc",
    limit: null,
    ...over,
  });
  it("ARR at risk by CSM, with the one who has most", () => {
    const r = runAggregatePlan(rows, agg({ measure: "arr_at_risk", group_by: "csm", limit: 1 }), TODAY);
    expect(r.groups).toEqual([{ key: "john", label: "John Doe", clients: 1, value: 300_000 }]);
    expect(r.total.value).toBe(420_000);
  });
  it("average health by tier, lowest first", () => {
    const r = runAggregatePlan(rows, agg({ measure: "avg_health", group_by: "tier", order: "asc" }), TODAY);
    expect(r.groups.map((g) => [g.key, g.value])).toEqual([
      ["ENTERPRISE", 61],
      ["PROFESSIONAL", 73],
    ]);
  });
  it("expected churn next quarter counts the scored renewals in the next 90 days", () => {
    const r = runAggregatePlan(rows, agg({ measure: "expected_churn" }), TODAY);
    // a (45%, renews 2027-02-10), b (30%, 2026-12-20), c (70%, 2027-01-15); d renews after 2027-03-05.
    expect(r.total.value).toBe(1.45);
    expect(r.total.forecast).toMatchObject({
      renewals: 3,
      expected_clients: 1.45,
      expected_arr: 288_000,
      clients_low: 0,
      clients_high: 3,
      rate_pct: 48.3,
    });
    expect(r.total.forecast!.top[0]).toMatchObject({ id: "c", expected_arr: 210_000 });
  });
});

describe("churn forecast (Poisson-binomial)", () => {
  it("has the exact distribution and its quantiles", () => {
    const d = poissonBinomial([0.5, 0.5]);
    expect(d).toEqual([0.25, 0.5, 0.25]);
    expect(quantile(d, 0.05)).toBe(0);
    expect(quantile(d, 0.95)).toBe(2);
    const many = churnForecast(
      Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, name: `C${i}`, p: 0.1, arr: 10_000 })),
    );
    expect(many.expected_clients).toBe(10);
    // Binomial(100, 0.1): 5th percentile 5, 95th 15.
    expect([many.clients_low, many.clients_high]).toEqual([5, 15]);
    expect(many.expected_arr).toBe(100_000);
    expect(many.arr_low).toBeLessThan(100_000);
    expect(churnForecast([])).toMatchObject({ renewals: 0, expected_clients: 0, rate_pct: null });
  });
});

describe("a model's tool call is held to the same schema", () => {
  it("fills what a kind leaves out and refuses what is wrong", () => {
    expect(
      planFromToolArguments({ kind: "list", conditions: [{ metric: "days_since_contact", op: "gt", value: 60 }] }),
    ).toEqual({ ...emptyListPlan(), conditions: [{ metric: "days_since_contact", op: "gt", value: 60 }] });
    expect(
      planFromToolArguments(JSON.stringify({ kind: "aggregate", measure: "arr_at_risk", group_by: "csm", limit: 1 })),
    ).toMatchObject({ measure: "arr_at_risk", group_by: "csm", order: "desc", limit: 1 });
    expect(() =>
      planFromToolArguments({ kind: "list", conditions: [{ metric: "vibes", op: "gt", value: 1 }] }),
    ).toThrow();
    expect(() => planFromToolArguments({ kind: "aggregate", measure: "median_mood" })).toThrow();
    expect(() =>
      parsePlan({ kind: "list", categories: [{ field: "tier", values: ["GOLD"], negate: false }] }),
    ).toThrow();
  });
});
