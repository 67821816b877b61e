import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { addDays, daysBetween } from "#worker/core/dates";

import { seedClock } from "./clock";
import { generatePortfolio, type SeedOptions } from "./generate";
import type { Row, TableRows } from "./rows";

const AS_OF = "2026-11-24";

function collect(o: SeedOptions) {
  const tables: Record<string, Row[]> = {};
  for (const chunk of generatePortfolio(o)) {
    for (const [t, rows] of Object.entries(chunk.rows as TableRows)) (tables[t] ??= []).push(...rows);
  }
  return tables;
}

function digest(o: SeedOptions): string {
  const h = createHash("sha256");
  for (const chunk of generatePortfolio(o)) h.update(JSON.stringify(chunk.rows));
  return h.digest("hex");
}

const small: SeedOptions = { clients: 30, days: 150, seed: "unit", asOf: AS_OF, userDays: 60 };

describe("demo data generator", () => {
  it("gives the same data for the same seed and as-of date, other data for another seed", () => {
    expect(digest(small)).toBe(digest(small));
    expect(digest({ ...small, seed: "other" })).not.toBe(digest(small));
  });

  it("never stamps anything after the seed's now, and keeps the as-of day's events in order (issue 17.6)", () => {
    const now = `${AS_OF}T08:30:00.000Z`;
    const tables = collect({ ...small, now });
    const stamps: { table: string; column: string; value: string }[] = [];
    for (const [table, rows] of Object.entries(tables)) {
      for (const row of rows)
        for (const [column, v] of Object.entries(row))
          if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v))
            stamps.push({ table, column, value: v });
    }
    expect(stamps.filter((s) => s.value > now)).toEqual([]);
    // The as-of day is still there, squeezed into the hours that have passed, not dropped.
    const today = stamps.filter((s) => s.value.startsWith(AS_OF));
    expect(today.some((s) => s.column === "last_activity_at")).toBe(true);
    expect(
      today.some((s) => s.table === "client_activities" && s.column === "occurred_at") ||
        today.some((s) => s.table === "support_tickets"),
    ).toBe(true);
    // Read at the end of the day, nothing moves: only the seed's now decides.
    const late = collect({ ...small, now: `${AS_OF}T23:59:59.999Z` });
    expect(late.clients.map((c) => c.id)).toEqual(tables.clients.map((c) => c.id));
    expect(late.clients.some((c) => String(c.last_activity_at) === `${AS_OF}T16:00:00.000Z`)).toBe(true);
  });

  it("the seed clock keeps order, leaves past days alone and refuses a now before the as-of date", () => {
    const at = seedClock(AS_OF, `${AS_OF}T06:00:00.000Z`);
    expect(at(addDays(AS_OF, -1), 16)).toBe(`${addDays(AS_OF, -1)}T16:00:00.000Z`);
    expect(at(AS_OF, 16)).toBe(`${AS_OF}T04:00:00.000Z`);
    expect(at(AS_OF, 14, 20) < at(AS_OF, 16)).toBe(true);
    expect(at(AS_OF, 23, 59) <= `${AS_OF}T06:00:00.000Z`).toBe(true);
    expect(() => seedClock(AS_OF, `${addDays(AS_OF, -1)}T23:00:00.000Z`)).toThrow(/before its as-of date/);
  });

  it("keeps each client the same whatever the portfolio size", () => {
    const a = collect(small)
      .clients.slice(0, 5)
      .map((c) => [c.id, c.name, c.annual_recurring_revenue]);
    const b = collect({ ...small, clients: 60 })
      .clients.slice(0, 5)
      .map((c) => [c.id, c.name, c.annual_recurring_revenue]);
    expect(b).toEqual(a);
  });

  const world = collect({ clients: 250, days: 400, seed: "demo", asOf: AS_OF, userDays: 120 });
  const active = world.clients.filter((c) => c.account_status === "ACTIVE");
  const byName = (name: string) => world.clients.find((c) => c.name === name)!;

  it("has the requested number of active clients, churned ones besides, and unique names", () => {
    expect(active).toHaveLength(250);
    expect(world.clients.length).toBeGreaterThan(250);
    expect(new Set(world.clients.map((c) => c.name)).size).toBe(world.clients.length);
    for (const tier of ["STARTER", "PROFESSIONAL", "ENTERPRISE", "CUSTOM"])
      expect(active.some((c) => c.contract_tier === tier)).toBe(true);
  });

  it("gives every CSM 15–30 active clients and has the fixed identities", () => {
    const load = new Map<string, number>();
    for (const c of active) load.set(String(c.csm_user_id), (load.get(String(c.csm_user_id)) ?? 0) + 1);
    for (const n of load.values()) {
      expect(n).toBeGreaterThanOrEqual(15);
      expect(n).toBeLessThanOrEqual(30);
    }
    const emails = world.ethico_users.map((u) => u.email);
    for (const e of [
      "vp-cs@ethico.test",
      "vp-sales@ethico.test",
      "admin@ethico.test",
      "ae@ethico.test",
      "jane.smith@ethico.test",
      "john.doe@ethico.test",
    ])
      expect(emails).toContain(e);
    expect(world.ethico_users.find((u) => u.email === "jane.smith@ethico.test")).toMatchObject({
      first_name: "Jane",
      last_name: "Smith",
      role: "CSM",
    });
  });

  it("tells the PRD's Acme story", () => {
    const acme = byName("Acme Corporation");
    expect(acme).toMatchObject({
      contract_tier: "ENTERPRISE",
      industry: "Manufacturing",
      employee_count: 5000,
      city: "Chicago",
      annual_recurring_revenue: 120_000,
      csm_user_id: "usr_jane_smith",
      account_status: "ACTIVE",
    });
    expect(daysBetween(AS_OF, String(acme.next_renewal_date))).toBe(91); // "about 90 days out"
    expect(daysBetween(String(acme.last_csm_contact_at), AS_OF)).toBe(45);
    expect(acme.health_trend).toBe("DOWN");
    expect(["AT_RISK", "CRITICAL"]).toContain(acme.health_status);
    const dau = world.client_usage_metrics.filter((m) => m.client_id === acme.id);
    const avg = (from: string, to: string) => {
      const days = dau.filter((m) => String(m.date) > from && String(m.date) <= to);
      return days.reduce((s, m) => s + Number(m.daily_active_users), 0) / days.length;
    };
    const drop = 1 - avg(addDays(AS_OF, -7), AS_OF) / avg(addDays(AS_OF, -37), addDays(AS_OF, -7));
    expect(drop).toBeGreaterThan(0.25);
    expect(drop).toBeLessThan(0.6);
    const sarah = world.client_contacts.find((c) => c.client_id === acme.id && c.name === "Sarah Chen")!;
    expect(sarah).toMatchObject({ role: "CHAMPION", title: "Chief Compliance Officer", engagement_status: "INACTIVE" });
    expect(daysBetween(String(sarah.last_platform_login), AS_OF)).toBe(21);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])("holds Acme's story whatever the as-of weekday (+%i days)", (offset) => {
    const asOf = addDays(AS_OF, offset);
    const rows = collect({ clients: 2, days: 400, seed: "demo", asOf, userDays: 120 });
    const acme = rows.clients.find((c) => c.name === "Acme Corporation")!;
    expect(acme).toMatchObject({ health_status: "AT_RISK", health_trend: "DOWN" });
    expect(Number(acme.current_health_score)).toBeGreaterThanOrEqual(52);
    expect(Number(acme.current_health_score)).toBeLessThanOrEqual(59);
    expect(Number(acme.health_trend_change)).toBeLessThanOrEqual(-8);
    const today = rows.client_health_scores.filter((h) => h.client_id === acme.id).at(-1)!;
    const components = [
      "usage_score",
      "adoption_score",
      "support_score",
      "relationship_score",
      "contract_score",
      "outcome_score",
    ].map((k) => Number(today[k] ?? 101));
    expect(components[0]).toBe(Math.min(...components)); // usage is the weakest component
    expect(JSON.parse(String(today.component_details)).usage).toContain("DAU");
  });

  it("tells the PRD's Beta story: Case Management abandoned, tickets tripled", () => {
    const beta = byName("Beta Industries");
    expect(beta).toMatchObject({
      csm_user_id: "usr_jane_smith",
      annual_recurring_revenue: 85_000,
      account_status: "ACTIVE",
    });
    const cases = world.client_feature_adoptions.find(
      (f) => f.client_id === beta.id && f.feature_key === "case_creation",
    )!;
    expect(cases).toMatchObject({ is_licensed: 1, adoption_status: "NOT_USED", usage_30_days: 0 });
    const tickets = world.support_tickets.filter((t) => t.client_id === beta.id);
    const last30 = tickets.filter((t) => String(t.opened_at) > addDays(AS_OF, -30)).length;
    const before =
      tickets.filter((t) => String(t.opened_at) <= addDays(AS_OF, -30) && String(t.opened_at) > addDays(AS_OF, -180))
        .length / 5;
    expect(last30).toBeGreaterThanOrEqual(2.5 * before);
  });

  it("makes churn follow decaying usage and neglected relationships", () => {
    const metrics = new Map<string, Row[]>();
    for (const m of world.client_usage_metrics) {
      const list = metrics.get(String(m.client_id)) ?? [];
      list.push(m);
      metrics.set(String(m.client_id), list);
    }
    const usageBefore = (clientId: string, date: string) => {
      const rows = (metrics.get(clientId) ?? []).filter(
        (m) => String(m.date) < date && String(m.date) >= addDays(date, -60),
      );
      return (
        rows.reduce((s, m) => s + Number(m.daily_active_users) / Math.max(1, Number(m.total_users)), 0) /
        Math.max(1, rows.length)
      );
    };
    const lastTouchGap = (clientId: string, date: string) => {
      const touches = world.client_activities
        .filter((a) => a.client_id === clientId && String(a.occurred_at) < date)
        .map((a) => String(a.occurred_at));
      return touches.length ? daysBetween(touches.sort().at(-1)!, date) : 120;
    };
    const groups = { CHURNED: [] as number[][], RENEWED: [] as number[][] };
    for (const r of world.renewal_outcomes) {
      groups[r.outcome as "CHURNED" | "RENEWED"].push([
        usageBefore(String(r.client_id), String(r.renewal_date)),
        lastTouchGap(String(r.client_id), String(r.renewal_date)),
      ]);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(groups.CHURNED.length).toBeGreaterThan(10);
    expect(groups.RENEWED.length).toBeGreaterThan(groups.CHURNED.length);
    expect(mean(groups.CHURNED.map((g) => g[0]))).toBeLessThan(mean(groups.RENEWED.map((g) => g[0])));
    expect(mean(groups.CHURNED.map((g) => g[1]))).toBeGreaterThan(mean(groups.RENEWED.map((g) => g[1])));
  });

  it("keeps per-user rows to the requested recent window and never stores PII in platform users", () => {
    const oldest = world.user_daily_activity.reduce((m, r) => (String(r.date) < m ? String(r.date) : m), "9999");
    expect(oldest >= addDays(AS_OF, -119)).toBe(true);
    expect(Object.keys(world.platform_users[0])).not.toContain("email");
  });
});
