import { addDays } from "#worker/core/dates";

import { renewalIn, usd } from "./chat-answers";
import type { ChurnForecast } from "./churn-forecast";
import { type AggregateGroup, metricValue, type PlanRow, quarterAhead } from "./plan-exec";
import type { AggregatePlan, ListPlan, PlanCategory, PlanCondition, PlanMetric } from "./query-plan";

// The planner's words. Every answer first states the plan it ran ("Enterprise, health below
// Healthy, your book: 5 clients"), so a misread question is visible at once, and names the
// window a change was measured over. Figures come only from the rows the plan returned.

export interface Speaker {
  me_id: string;
  today: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase().replace(/_/g, " ");
/** A sentence's first letter in capitals, the rest as written ("ARR at risk" stays). */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const FIELD_ORDER = ["tier", "health_status", "industry", "region"];
const STATUS_WORD: Record<string, string> = {
  HEALTHY: "Healthy",
  MONITOR: "Monitor",
  AT_RISK: "At risk",
  CRITICAL: "Critical",
};

function categoryWords(c: PlanCategory): string {
  const vals = (c.values as string[]).map((v) =>
    c.field === "health_status" ? (STATUS_WORD[v] ?? v) : c.field === "tier" ? title(v) : v,
  );
  const list = vals.join(" or ");
  if (c.field === "health_status") {
    if (c.negate && vals.length === 1 && vals[0] === "Healthy") return "health below Healthy";
    return c.negate ? `health not ${list}` : list;
  }
  if (c.field === "tier") return c.negate ? `not ${list}` : list;
  return c.negate ? `not in ${list}` : `in ${list}`;
}

const OP_WORD: Record<PlanCondition["op"], string> = { lt: "below", lte: "at most", gt: "above", gte: "at least" };

export function conditionWords(c: PlanCondition, today: string): string {
  const n = c.value;
  switch (c.metric) {
    case "health_change": {
      const days = c.window_days ?? 30;
      const window = `in the last ${plural(days, "day")} (since ${addDays(today, -days)})`;
      if (n === 0) return `health ${c.op.startsWith("l") ? "dropping" : "rising"} ${window}`;
      if (n < 0) return `health dropped ${c.op === "lt" ? "more than" : "at least"} ${plural(-n, "point")} ${window}`;
      return `health rose ${c.op === "gt" ? "more than" : "at least"} ${plural(n, "point")} ${window}`;
    }
    case "days_since_contact":
      return c.op.startsWith("g")
        ? `no CSM contact in ${c.op === "gt" ? "over" : "at least"} ${plural(n, "day")}`
        : `a CSM contact in the last ${plural(n, "day")}`;
    case "days_since_login":
      return c.op.startsWith("g")
        ? `no contact login in ${c.op === "gt" ? "over" : "at least"} ${plural(n, "day")}`
        : `a contact login in the last ${plural(n, "day")}`;
    case "days_to_renewal":
      return c.op.startsWith("l")
        ? `renewing within ${plural(n, "day")}`
        : n === 0
          ? "renewal not yet passed"
          : `renewing in ${OP_WORD[c.op]} ${plural(n, "day")}`;
    case "arr":
      return `ARR ${c.op === "gt" ? "over" : c.op === "lt" ? "under" : OP_WORD[c.op]} ${usd(n)}`;
    case "churn_risk":
      return `churn risk ${OP_WORD[c.op]} ${n}%`;
    case "health":
      return `health score ${OP_WORD[c.op]} ${n}`;
    case "adoption":
      return `adoption ${OP_WORD[c.op]} ${n}`;
  }
}

function bookWords(book: ListPlan["book"], who: Speaker): string {
  if (!book.csm_id) return "everything you can see";
  return book.csm_id === who.me_id ? "your book" : `${book.csm_name}'s book`;
}

const METRIC_WORD: Record<PlanMetric | "priority", string> = {
  priority: "needs attention first",
  health: "health",
  health_change: "health change",
  churn_risk: "churn risk",
  arr: "ARR",
  days_to_renewal: "renewal date",
  days_since_contact: "days since last contact",
  days_since_login: "days since last login",
  adoption: "adoption",
};

/** "Enterprise, health below Healthy, your book" (the where of a plan, in words). */
export function describeWhere(plan: Pick<ListPlan, "book" | "categories" | "conditions">, who: Speaker): string {
  const conds = plan.conditions.filter(
    (c) =>
      !(
        c.metric === "days_to_renewal" &&
        c.op === "gte" &&
        c.value === 0 &&
        plan.conditions.some((d) => d.metric === "days_to_renewal" && d.op.startsWith("l"))
      ),
  );
  const cats = [...plan.categories].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return [
    ...cats.map(categoryWords),
    ...conds.map((c) => conditionWords(c, who.today)),
    bookWords(plan.book, who),
  ].join(", ");
}

export function describeListPlan(plan: ListPlan, sort: NonNullable<ListPlan["sort"]>, who: Speaker): string {
  const order =
    plan.limit || plan.sort
      ? `; ${plan.limit ? `top ${plan.limit} ` : ""}by ${METRIC_WORD[sort.metric]}${sort.metric === "priority" ? "" : sort.dir === "asc" ? " (lowest first)" : " (highest first)"}`
      : "";
  return cap(`${describeWhere(plan, who)}${order}`);
}

function rowLine(r: PlanRow, i: number, plan: ListPlan, sort: NonNullable<ListPlan["sort"]>, today: string): string {
  const change = metricValue(r, "health_change", today);
  const showChange = plan.conditions.some((c) => c.metric === "health_change") || sort.metric === "health_change";
  const head =
    showChange && r.health_then !== null
      ? `${r.health_then} -> ${r.health} (${change! > 0 ? "+" : ""}${change} points)`
      : `health ${r.health ?? "n/a"}${r.churn_risk !== null ? `, churn risk ${r.churn_risk}%` : ""}, ${usd(r.arr)}`;
  const contact = metricValue(r, "days_since_contact", today)!;
  const login = plan.conditions.some((c) => c.metric === "days_since_login")
    ? r.last_login_at
      ? `Last contact login: ${plural(metricValue(r, "days_since_login", today)!, "day")} ago`
      : "No contact login on record"
    : null;
  const details = [
    r.primary_driver ? `Primary driver: ${r.primary_driver}` : null,
    contact === Number.POSITIVE_INFINITY
      ? "No CSM contact on record"
      : contact === 0
        ? "Last CSM contact: today"
        : `Last CSM contact: ${plural(contact, "day")} ago`,
    login,
    renewalIn(r.next_renewal_date ? metricValue(r, "days_to_renewal", today) : null),
  ].filter(Boolean);
  return `${i + 1}. ${r.name}: ${head}\n${details.map((d) => `   - ${d}`).join("\n")}`;
}

export function listPlanAnswer(
  plan: ListPlan,
  rows: PlanRow[],
  total: number,
  sort: NonNullable<ListPlan["sort"]>,
  who: Speaker,
): string {
  const count = total > rows.length ? `${rows.length} of ${plural(total, "client")}` : plural(total, "client");
  const head = `${describeListPlan(plan, sort, who)}: ${count}`;
  if (total === 0) return `${head}.`;
  const shown = rows.slice(0, 10);
  const more = rows.length > shown.length ? `\n\n…and ${rows.length - shown.length} more in the results.` : "";
  return `${head}.\n\n${shown.map((r, i) => rowLine(r, i, plan, sort, who.today)).join("\n\n")}${more}`;
}

const MEASURE_WORD: Record<AggregatePlan["measure"], string> = {
  count: "clients",
  arr: "ARR",
  arr_at_risk: "ARR at risk (At risk and Critical clients)",
  avg_health: "average health",
  avg_churn_risk: "average churn risk",
  expected_churn: "expected churn next quarter",
};
const GROUP_WORD: Record<NonNullable<AggregatePlan["group_by"]>, string> = {
  csm: "CSM",
  tier: "tier",
  industry: "industry",
  region: "region",
  health_status: "health band",
};

export function measureText(plan: AggregatePlan, g: Omit<AggregateGroup, "key" | "label">): string {
  if (g.value === null) return "no data";
  switch (plan.measure) {
    case "count":
      return plural(g.value, "client");
    case "arr":
      return usd(g.value);
    case "arr_at_risk":
      return `${usd(g.value)} across ${plural(g.clients, "client")}`;
    case "avg_health":
      return `${g.value} over ${plural(g.clients, "client")}`;
    case "avg_churn_risk":
      return `${g.value}% over ${plural(g.clients, "client")}`;
    case "expected_churn":
      return g.forecast ? forecastText(g.forecast) : "no data";
  }
}

export function forecastText(f: ChurnForecast): string {
  if (f.renewals === 0) return "no scored renewals fall in the next quarter";
  return `${f.expected_clients} of ${plural(f.renewals, "renewing client")} (${f.rate_pct}%), 90% range ${f.clients_low}–${f.clients_high} clients; ${usd(f.expected_arr)} of ${usd(f.arr_renewing)} renewing ARR (range ${usd(f.arr_low)}–${usd(f.arr_high)})`;
}

export function aggregateAnswer(
  plan: AggregatePlan,
  r: { groups: AggregateGroup[]; total: AggregateGroup; matched: number },
  who: Speaker,
): string {
  const where = describeWhere(plan, who);
  const q = quarterAhead(who.today);
  const window =
    plan.measure === "expected_churn" ? ` (renewals ${q.from} to ${q.to}, from the churn model's probabilities)` : "";
  if (!plan.group_by)
    return `${cap(MEASURE_WORD[plan.measure])}${window}, ${where}: ${measureText(plan, r.total)}.${
      plan.measure === "expected_churn" && r.total.forecast?.top.length
        ? ` Most of it: ${r.total.forecast.top
            .slice(0, 3)
            .map((t) => `${t.name} (${Math.round(t.p * 100)}%, ${usd(t.arr)})`)
            .join(", ")}.`
        : ""
    }`;
  if (r.groups.length === 0)
    return `${cap(MEASURE_WORD[plan.measure])} by ${GROUP_WORD[plan.group_by]}${window}, ${where}: no clients match.`;
  if (plan.limit === 1) {
    const top = r.groups[0];
    return `${top.label} has the ${plan.order === "asc" ? "lowest" : "highest"} ${MEASURE_WORD[plan.measure]}${window}: ${measureText(plan, top)} (${where}; total ${measureText(plan, r.total)}).`;
  }
  const lines = r.groups.map((g, i) => `${i + 1}. ${g.label}: ${measureText(plan, g)}`);
  return `${cap(MEASURE_WORD[plan.measure])} by ${GROUP_WORD[plan.group_by]}${window}, ${where} (${plan.order === "asc" ? "lowest" : "highest"} first):\n${lines.join("\n")}\nTotal: ${measureText(plan, r.total)}.`;
}

export function cannotPlanAnswer(what: string, nearest: string): string {
  return `I can't plan a question about ${what}: the assistant doesn't have that data to filter on. The nearest question I can answer: "${nearest}"`;
}
