import type { ChatFilter, Period } from "./chat-filters";
import { CAPABILITIES } from "./chat-intent-parser";

// The local chat's words: every sentence is built from rows the query services returned, so the
// answer can never name a client or a figure that is not in the results.

export type ClientResult = {
  client_id: string;
  name: string;
  health_score: number | null;
  health_status: string;
  /** The score at the start of the period asked about, and the change since. */
  health_then: number | null;
  health_change: number | null;
  churn_risk: number | null;
  arr: number | null;
  renewal_date: string | null;
  days_to_renewal: number | null;
  last_contact_days: number | null;
  primary_driver: string | null;
  csm: string | null;
};

export const usd = (v: number | null) =>
  v === null ? "unknown ARR" : v >= 1_000_000 ? `$${(v / 1_000_000).toFixed(1)}M` : `$${Math.round(v / 1000)}K`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const TIER = (t: string) => t.charAt(0) + t.slice(1).toLowerCase();

/** "in about 3 months", "in 12 days": how the PRD's example speaks of renewals. */
export function renewalIn(days: number | null): string | null {
  if (days === null) return null;
  if (days < 0) return `renewal date passed ${-days} days ago`;
  return days <= 45 ? `Renewal in ${plural(days, "day")}` : `Renewal in ${Math.round(days / 30)} months`;
}

export function describeFilter(f: ChatFilter): string {
  const parts: string[] = [];
  if (f.health_drop)
    parts.push(
      `whose health dropped ${f.health_drop.inclusive ? "at least" : "more than"} ${plural(f.health_drop.min, "point")} since ${f.health_drop.since} (${f.health_drop.label})`,
    );
  if (f.health_status.length)
    parts.push(`with health ${f.health_status.map((s) => s.toLowerCase().replace("_", " ")).join(" or ")}`);
  if (f.churn_min !== null) parts.push(`with churn risk above ${f.churn_min}%`);
  if (f.renewal_within_days !== null) parts.push(`renewing in the next ${plural(f.renewal_within_days, "day")}`);
  if (f.arr_min !== null) parts.push(`over ${usd(f.arr_min)} ARR`);
  if (f.arr_max !== null) parts.push(`under ${usd(f.arr_max)} ARR`);
  if (f.tiers.length) parts.push(`on ${f.tiers.map(TIER).join(" or ")} contracts`);
  if (f.industries.length) parts.push(`in ${f.industries.join(" or ")}`);
  if (f.csm) parts.push(`managed by ${f.csm.name}`);
  return parts.join(", ");
}

export const OFFER_DRAFTS = "Would you like me to draft outreach emails for these clients?";

export type ExpansionResult = {
  client_id: string;
  name: string;
  arr: number | null;
  health_score: number | null;
  expansion_score: number;
  signals: string[];
};

export function expansionAnswer(rows: ExpansionResult[], f: ChatFilter, single: string | null): string {
  const what = describeFilter(f);
  if (single) {
    const r = rows[0];
    return r
      ? `${r.name} shows expansion signals (score ${r.expansion_score}/100): ${r.signals.join("; ")}.`
      : `${single} is not showing expansion signals right now: an upsell needs health of 70 or more, churn risk under 20%, and strong use of what it already has.`;
  }
  if (rows.length === 0)
    return `No client${what ? ` ${what}` : ""} shows enough expansion signals right now (health 70+, churn risk under 20%, and strong use of what it already has).`;
  const lines = rows
    .slice(0, 10)
    .map((r, i) => `${i + 1}. ${r.name} (${usd(r.arr)}, health ${r.health_score}): ${r.signals.join("; ")}`);
  return `${plural(rows.length, "client")}${what ? ` ${what}` : ""} ${rows.length === 1 ? "looks" : "look"} ready for an upsell conversation, strongest first:\n\n${lines.join("\n")}`;
}

export type ActivityRow = {
  client_id: string;
  name: string;
  activity_type: string;
  subject: string;
  occurred_at: string;
  outcome: string | null;
  follow_up_date: string | null;
  follow_up_completed: boolean;
};
export type ActivityResult = {
  client_id: string;
  name: string;
  activities: number;
  types: Record<string, number>;
  last_at: string;
  subjects: string[];
};

export function activityResults(rows: ActivityRow[]): ActivityResult[] {
  const by = new Map<string, ActivityResult>();
  for (const r of rows) {
    const e = by.get(r.client_id) ?? {
      client_id: r.client_id,
      name: r.name,
      activities: 0,
      types: {},
      last_at: r.occurred_at,
      subjects: [],
    };
    e.activities += 1;
    e.types[r.activity_type] = (e.types[r.activity_type] ?? 0) + 1;
    if (r.occurred_at > e.last_at) e.last_at = r.occurred_at;
    if (e.subjects.length < 3) e.subjects.push(r.subject);
    by.set(r.client_id, e);
  }
  return [...by.values()].sort((a, b) => b.activities - a.activities || b.last_at.localeCompare(a.last_at));
}

export function activityAnswer(period: Period, rows: ActivityRow[], results: ActivityResult[], today: string): string {
  const span = period.from === period.to ? period.from : `${period.from} to ${period.to}`;
  if (rows.length === 0) return `You logged no client activities ${period.label} (${span}).`;
  const types = new Map<string, number>();
  for (const r of rows) types.set(r.activity_type, (types.get(r.activity_type) ?? 0) + 1);
  const mix = [...types.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => plural(n, t.toLowerCase().replace(/_/g, " ")))
    .join(", ");
  const lines = results
    .slice(0, 10)
    .map((r) => `- ${r.name}: ${plural(r.activities, "activity", "activities")} (${r.subjects.join("; ")})`);
  const open = rows.filter((r) => r.follow_up_date && !r.follow_up_completed);
  const overdue = open.filter((r) => r.follow_up_date! < today).length;
  const follow = open.length
    ? `\n\n${plural(open.length, "follow-up")} from these ${open.length === 1 ? "is" : "are"} still open${overdue ? `, ${overdue} overdue` : ""}.`
    : "";
  return `${period.label.charAt(0).toUpperCase()}${period.label.slice(1)} (${span}) you logged ${plural(rows.length, "activity", "activities")} with ${plural(results.length, "client")}: ${mix}.\n\n${lines.join("\n")}${follow}`;
}

export function helpAnswer(): string {
  return `I answer questions about your portfolio from its live data. Try:\n${CAPABILITIES.map((c) => `- "${c}"`).join("\n")}`;
}

export function cannotAnswer(): string {
  return `I can't answer that. I only answer from your portfolio's data: client health and its change, churn risk and next quarter's churn forecast, ARR and ARR at risk (per CSM, tier, industry or region), renewals, last contact and logins, expansion signals, comparisons with similar clients and your own activity, and I draft outreach emails. For example:\n${CAPABILITIES.slice(
    0,
    5,
  )
    .map((c) => `- "${c}"`)
    .join("\n")}`;
}
