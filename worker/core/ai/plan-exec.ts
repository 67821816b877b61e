import { addDays, daysBetween } from "#worker/core/dates";
import { arrAtRisk, daysSinceContact, isArrAtRisk } from "#worker/core/metrics/contact-and-risk";

import { type ChurnForecast, churnForecast } from "./churn-forecast";
import {
  type AggregatePlan,
  DEFAULT_WINDOW_DAYS,
  type ListPlan,
  type PlanCategory,
  type PlanCondition,
  type PlanGroup,
  type PlanMetric,
} from "./query-plan";

// Runs a list or aggregate plan over the rows the list API's query returned for the caller's
// scope (plus the few figures the list does not carry). Pure: the same rows and plan always
// give the same answer, and the Node tier checks it exhaustively.

export interface PlanRow {
  id: string;
  name: string;
  tier: string | null;
  industry: string | null;
  region: string | null;
  health_status: string | null;
  health: number | null;
  /** The score on the plan's window start (for health_change). */
  health_then: number | null;
  churn_risk: number | null;
  arr: number | null;
  next_renewal_date: string | null;
  last_csm_contact_at: string | null;
  last_login_at: string | null;
  adoption: number | null;
  attention_priority: number | null;
  csm_id: string | null;
  csm_name: string | null;
  primary_driver: string | null;
}

/** The one window a plan's change is measured over (the first health_change condition's, else 30 days). */
export function planWindow(
  plan: { conditions: PlanCondition[]; sort?: ListPlan["sort"] },
  today: string,
): { days: number; since: string } {
  const days = plan.conditions.find((c) => c.metric === "health_change")?.window_days ?? DEFAULT_WINDOW_DAYS;
  return { days, since: addDays(today, -days) };
}

/** A client's value for a metric; "never" (no contact, no login on record) counts as forever ago. */
export function metricValue(r: PlanRow, m: PlanMetric, today: string): number | null {
  switch (m) {
    case "health":
      return r.health;
    case "health_change":
      return r.health === null || r.health_then === null ? null : r.health - r.health_then;
    case "churn_risk":
      return r.churn_risk;
    case "arr":
      return r.arr;
    case "days_to_renewal":
      return r.next_renewal_date ? daysBetween(today, r.next_renewal_date) : null;
    case "days_since_contact":
      return daysSinceContact(r.last_csm_contact_at, today) ?? Number.POSITIVE_INFINITY;
    case "days_since_login":
      return r.last_login_at ? daysBetween(r.last_login_at.slice(0, 10), today) : Number.POSITIVE_INFINITY;
    case "adoption":
      return r.adoption;
  }
}

const CMP = {
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
};

function categoryValue(r: PlanRow, field: PlanCategory["field"]): string | null {
  return field === "health_status"
    ? r.health_status
    : field === "tier"
      ? r.tier
      : field === "industry"
        ? r.industry
        : r.region;
}

export function matches(
  r: PlanRow,
  plan: { book: ListPlan["book"]; categories: PlanCategory[]; conditions: PlanCondition[] },
  today: string,
): boolean {
  if (plan.book.csm_id && r.csm_id !== plan.book.csm_id) return false;
  for (const c of plan.categories) {
    const value = categoryValue(r, c.field);
    const within = value !== null && (c.values as string[]).some((x) => x.toLowerCase() === value.toLowerCase());
    // "Not in Technology" keeps clients with no industry on record: they are not in Technology.
    if (c.negate ? within : !within) return false;
  }
  for (const c of plan.conditions) {
    const x = metricValue(r, c.metric, today);
    if (x === null || !CMP[c.op](x, c.value)) return false;
  }
  return true;
}

/** The order a list is shown in when the question sets none: what it asked about, worst first. */
export function defaultSort(plan: ListPlan): NonNullable<ListPlan["sort"]> {
  if (plan.sort) return plan.sort;
  const first = plan.conditions[0];
  if (!first) return { metric: "priority", dir: "desc" };
  const asc: PlanMetric[] = ["health", "days_to_renewal", "adoption"];
  if (first.metric === "health_change")
    return { metric: "health_change", dir: first.op.startsWith("l") ? "asc" : "desc" };
  return { metric: first.metric, dir: asc.includes(first.metric) ? "asc" : "desc" };
}

export function runListPlan(
  rows: PlanRow[],
  plan: ListPlan,
  today: string,
): { rows: PlanRow[]; total: number; sort: NonNullable<ListPlan["sort"]> } {
  const sort = defaultSort(plan);
  const hit = rows.filter((r) => matches(r, plan, today));
  const key = (r: PlanRow) => (sort.metric === "priority" ? r.attention_priority : metricValue(r, sort.metric, today));
  hit.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    // Missing values go last whichever way; name and id make the order total.
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    return (sort.dir === "asc" ? x - y : y - x) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
  return { rows: plan.limit ? hit.slice(0, plan.limit) : hit, total: hit.length, sort };
}

export interface AggregateGroup {
  key: string | null;
  label: string;
  clients: number;
  value: number | null;
  forecast?: ChurnForecast;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length ? Math.round(sum(xs) / xs.length) : null);

/** The next quarter (today and the 90 days after) whose renewals expected churn is counted over. */
export const quarterAhead = (today: string) => ({ from: today, to: addDays(today, 90) });

function groupOf(r: PlanRow, g: PlanGroup): { key: string | null; label: string } {
  if (g === "csm") return { key: r.csm_id, label: r.csm_name ?? "Unassigned" };
  const v = g === "tier" ? r.tier : g === "industry" ? r.industry : g === "region" ? r.region : r.health_status;
  return { key: v, label: v ?? "Not set" };
}

/** One group's measure; expected churn is Σp over the renewals in the next quarter (as GET /analytics/churn-risk). */
export function measureOf(rows: PlanRow[], plan: AggregatePlan, today: string): Omit<AggregateGroup, "key" | "label"> {
  switch (plan.measure) {
    case "count":
      return { clients: rows.length, value: rows.length };
    case "arr":
      return { clients: rows.length, value: sum(rows.map((r) => r.arr ?? 0)) };
    case "arr_at_risk":
      return {
        clients: rows.filter((r) => isArrAtRisk(r.health_status)).length,
        value: arrAtRisk(rows.map((r) => ({ health_status: r.health_status, arr: r.arr }))),
      };
    case "avg_health":
      return { clients: rows.length, value: mean(rows.flatMap((r) => (r.health === null ? [] : [r.health]))) };
    case "avg_churn_risk":
      return { clients: rows.length, value: mean(rows.flatMap((r) => (r.churn_risk === null ? [] : [r.churn_risk]))) };
    case "expected_churn": {
      const q = quarterAhead(today);
      const renewing = rows.filter(
        (r) =>
          r.churn_risk !== null && r.next_renewal_date && r.next_renewal_date >= q.from && r.next_renewal_date <= q.to,
      );
      const forecast = churnForecast(
        renewing.map((r) => ({ id: r.id, name: r.name, p: r.churn_risk! / 100, arr: r.arr ?? 0 })),
      );
      return { clients: renewing.length, value: forecast.expected_clients, forecast };
    }
  }
}

export function runAggregatePlan(
  rows: PlanRow[],
  plan: AggregatePlan,
  today: string,
): { groups: AggregateGroup[]; total: AggregateGroup; matched: number } {
  const hit = rows.filter((r) => matches(r, plan, today));
  const total = { key: null, label: "Total", ...measureOf(hit, plan, today) };
  if (!plan.group_by) return { groups: [], total, matched: hit.length };
  const by = new Map<string, { key: string | null; label: string; rows: PlanRow[] }>();
  for (const r of hit) {
    const g = groupOf(r, plan.group_by);
    const k = g.key ?? "";
    const e = by.get(k) ?? { ...g, rows: [] };
    e.rows.push(r);
    by.set(k, e);
  }
  const groups = [...by.values()].map((g) => ({ key: g.key, label: g.label, ...measureOf(g.rows, plan, today) }));
  groups.sort(
    (a, b) =>
      (a.value === null || b.value === null
        ? a.value === null
          ? 1
          : -1
        : plan.order === "asc"
          ? a.value - b.value
          : b.value - a.value) || a.label.localeCompare(b.label),
  );
  return { groups: plan.limit ? groups.slice(0, plan.limit) : groups, total, matched: hit.length };
}
