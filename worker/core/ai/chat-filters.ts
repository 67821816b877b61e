import { addDays, daysBetween } from "#worker/core/dates";
import type { ContractTier, HealthStatus } from "#worker/core/enums";

import { NUM, UNIT } from "./plan-conditions";

// The filters a chat question can carry ("renewals in the next 60 days over $50K", "Jane's
// enterprise clients in manufacturing", "health dropped more than 10 points this month"),
// read from the normalised, typo-corrected text. Pure: `today` is passed in.

export interface Period {
  from: string;
  to: string;
  label: string;
}

export interface ChatFilter {
  health_status: HealthStatus[];
  tiers: ContractTier[];
  industries: string[];
  csm: { id: string; name: string } | null;
  /** Score lost since `since`: strictly more than `min` points, or at least `min` when inclusive. */
  health_drop: { min: number; inclusive: boolean; since: string; label: string } | null;
  renewal_within_days: number | null;
  arr_min: number | null;
  arr_max: number | null;
  /** Churn risk above this percentage. */
  churn_min: number | null;
  limit: number | null;
  sort: "priority" | "arr" | "health_score" | "churn_risk" | "renewal_date" | "health_drop";
}

export const emptyFilter = (): ChatFilter => ({
  health_status: [],
  tiers: [],
  industries: [],
  csm: null,
  health_drop: null,
  renewal_within_days: null,
  arr_min: null,
  arr_max: null,
  churn_min: null,
  limit: null,
  sort: "priority",
});

/** Whether any filter is set (the sort and limit alone do not make a question a search). */
export const hasFilter = (f: ChatFilter): boolean =>
  f.health_status.length > 0 ||
  f.tiers.length > 0 ||
  f.industries.length > 0 ||
  f.csm !== null ||
  f.health_drop !== null ||
  f.renewal_within_days !== null ||
  f.arr_min !== null ||
  f.arr_max !== null ||
  f.churn_min !== null;

const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
const monthStart = (date: string) => `${date.slice(0, 8)}01`;
/** The first of the month `k` months after the first-of-month `start`. */
function addMonths(start: string, k: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + k);
  return d.toISOString().slice(0, 10);
}
const quarterStart = (date: string) =>
  `${date.slice(0, 5)}${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;

/**
 * A time span in the text. "Trailing" reads "last week"/"last month" as the past 7/30 days (how a
 * drop is measured); "calendar" reads them as the previous calendar week or month (what someone
 * asking what they did last week means).
 */
export function periodIn(t: string, today: string, mode: "trailing" | "calendar"): Period | null {
  const n = t.match(
    /\b(?:last|past|previous|recent)\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(days?|weeks?|months?|quarters?|years?)\b/,
  );
  if (n) {
    const count = Number(n[1]) || NUM[n[1]];
    return { from: addDays(today, -count * UNIT[n[2]]), to: today, label: `the last ${count} ${n[2]}` };
  }
  if (/\btoday\b/.test(t)) return { from: today, to: today, label: "today" };
  if (/\byesterday\b/.test(t)) return { from: addDays(today, -1), to: addDays(today, -1), label: "yesterday" };
  if (/\bthis week\b/.test(t)) return { from: mondayOf(today), to: today, label: "this week" };
  if (/\bthis month\b|\bmonth to date\b|\bmtd\b/.test(t))
    return { from: monthStart(today), to: today, label: "this month" };
  if (/\bthis quarter\b|\bqtd\b/.test(t)) return { from: quarterStart(today), to: today, label: "this quarter" };
  if (/\b(?:last|past|previous) week\b/.test(t)) {
    if (mode === "trailing") return { from: addDays(today, -7), to: today, label: "the last 7 days" };
    const from = addDays(mondayOf(today), -7);
    return { from, to: addDays(from, 6), label: "last week" };
  }
  if (/\b(?:last|past|previous) month\b/.test(t)) {
    if (mode === "trailing") return { from: addDays(today, -30), to: today, label: "the last 30 days" };
    const from = monthStart(addDays(monthStart(today), -1));
    return { from, to: addDays(monthStart(today), -1), label: "last month" };
  }
  if (/\b(?:last|past|previous) quarter\b/.test(t))
    return { from: addDays(today, -91), to: today, label: "the last quarter" };
  return null;
}

const TIER_WORDS: [RegExp, ContractTier][] = [
  [/\benterprise\b/, "ENTERPRISE"],
  [/\bprofessional\b|\bpro\b/, "PROFESSIONAL"],
  [/\bstarter\b/, "STARTER"],
  [/\bcustom\b/, "CUSTOM"],
];

/** Everyday words for the portfolio's industries (the industry's own first word always counts). */
const INDUSTRY_ALIASES: Record<string, string[]> = {
  "Financial Services": ["finance", "financial", "banking", "banks", "bank", "fintech"],
  Pharmaceuticals: ["pharma", "pharmaceutical", "biotech", "life sciences"],
  Technology: ["tech", "software", "saas"],
  Healthcare: ["health care", "hospitals", "hospital"],
  Transportation: ["transport", "logistics", "shipping"],
  Hospitality: ["hotels", "restaurants"],
  Education: ["universities", "schools", "higher ed"],
  Government: ["public sector"],
  Insurance: ["insurers"],
  Retail: ["retailers"],
  Manufacturing: ["manufacturers", "industrial"],
};

export function industryWords(industries: string[]): string[] {
  return industries.flatMap((i) => [i.toLowerCase().split(" ")[0], ...(INDUSTRY_ALIASES[i] ?? [])]);
}

function industriesIn(t: string, industries: string[]): string[] {
  return industries.filter((i) =>
    [i.toLowerCase(), i.toLowerCase().split(" ")[0], ...(INDUSTRY_ALIASES[i] ?? [])].some((w) =>
      new RegExp(`\\b${w}\\b`).test(t),
    ),
  );
}

const money = (amount: string, unit: string | undefined) =>
  Math.round(
    Number(amount) *
      (unit && /^(k|thousand)$/.test(unit) ? 1_000 : unit && /^(m|mm|million)$/.test(unit) ? 1_000_000 : 1),
  );

const MORE = "over|above|more than|greater than|bigger than|at least|exceeding|upwards of|>=|>";
const LESS = "under|below|less than|smaller than|at most|<=|<";
// An amount is money when it has a $ or a k/m unit, or is followed by ARR or revenue.
const AMOUNT = String.raw`(?:\$\s?(\d+(?:\.\d+)?)\s?(k|m|mm|thousand|million)?\b|(\d+(?:\.\d+)?)\s?(k|m|mm|thousand|million)\b|(\d+(?:\.\d+)?)(?=\s+(?:in\s+)?(?:arr|revenue)))`;

function moneyAfter(t: string, words: string): number | null {
  const m = t.match(new RegExp(`(?:${words})\\s+${AMOUNT}`));
  if (!m) return null;
  return m[1] ? money(m[1], m[2]) : m[3] ? money(m[3], m[4]) : money(m[5], undefined);
}

function healthDropIn(t: string, today: string): ChatFilter["health_drop"] {
  const verb = String.raw`(?:dropped|drop|dropping|fell|fallen|falling|declined|declining|decreased|went down|gone down|lost|down|slipped|sank)`;
  const more = String.raw`(?:(more than|over|greater than|above|at least|by at least|by more than|by over|by)\s+)?`;
  const m =
    t.match(new RegExp(`${verb}\\s+${more}(\\d{1,3})\\s*(\\+|or more)?\\s*(?:points?|pts?)?`)) ??
    t.match(
      new RegExp(
        `(?:drop|decline|fall|decrease|loss)\\s+(?:of\\s+)?${more}(\\d{1,3})\\s*(\\+|or more)?\\s*(?:points?|pts?)?`,
      ),
    );
  const pre = t.match(/\b(\d{1,3})\s*(\+|or more)?\s*(?:points?|pts?)\s+(?:health\s+)?(?:drop|decline|fall|loss)/);
  if (!m && !pre) return null;
  const [qualifier, num, plus] = m ? [m[1], m[2], m[3]] : [undefined, pre![1], pre![2]];
  const period = periodIn(t, today, "trailing") ?? { from: addDays(today, -30), to: today, label: "the last 30 days" };
  // "more than 10" is > 10; "at least 10", "10+", "10 or more" and a bare "by 10" are ≥ 10.
  const inclusive = Boolean(plus) || !qualifier || /at least|by$|^by$/.test(qualifier.trim());
  return { min: Number(num), inclusive, since: period.from, label: period.label };
}

function renewalWindowIn(t: string, today: string): number | null {
  if (!/\brenew/.test(t) && !/\bup for renewal\b/.test(t)) return null;
  const n = t.match(
    /\b(?:next|coming|within|in|upcoming)\s+(?:the\s+)?(?:next\s+)?(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(days?|weeks?|months?|quarters?|years?)\b/,
  );
  if (n) return (Number(n[1]) || NUM[n[1]]) * UNIT[n[2]];
  if (/\b(?:this|the)\s+quarter\b/.test(t)) return daysBetween(today, addDays(addMonths(quarterStart(today), 3), -1));
  if (/\bnext quarter\b/.test(t)) return 91;
  if (/\bthis month\b/.test(t)) return daysBetween(today, addDays(addMonths(monthStart(today), 1), -1));
  if (/\bnext month\b/.test(t)) return 30;
  if (/\bthis year\b|\bnext year\b/.test(t)) return 365;
  if (/\bsoon\b|\bupcoming\b|\bcoming up\b/.test(t)) return 90;
  return null;
}

/** Filters in normalised text. `csms` and `industries` are what the user may filter on. */
export function filtersIn(
  t: string,
  today: string,
  ctx: { industries: string[]; csms: { id: string; name: string }[]; me: { id: string; name: string } },
): { filter: ChatFilter; ambiguousCsm: { id: string; name: string }[] } {
  const f = emptyFilter();
  f.health_drop = healthDropIn(t, today);
  f.renewal_within_days = renewalWindowIn(t, today);
  f.arr_min = moneyAfter(t, MORE);
  f.arr_max = moneyAfter(t, LESS);
  const churn = t.match(
    /\bchurn(?:\s+(?:risk|probability|score))?\s+(?:of\s+)?(?:over|above|more than|greater than|at least|>)\s+(\d{1,3})\s*%?/,
  );
  if (churn) f.churn_min = Number(churn[1]);
  else if (/\bhigh(?:est)? (?:churn|risk of churn)|\blikely to (?:churn|leave|cancel)\b/.test(t)) f.churn_min = 50;
  for (const [re, tier] of TIER_WORDS) if (re.test(t)) f.tiers.push(tier);
  f.industries = industriesIn(t, ctx.industries);
  if (/\bcritical\b/.test(t)) f.health_status.push("CRITICAL");
  else if (/\bat risk\b|\bin trouble\b|\bunhealthy\b|\bstruggling\b|\bred\b/.test(t))
    f.health_status.push("AT_RISK", "CRITICAL");
  if (/\bhealthy\b|\bgreen\b|\bin good shape\b/.test(t) && !/\bunhealthy\b/.test(t)) f.health_status.push("HEALTHY");
  if (/\b(?:on the )?(?:monitor|watch ?list|yellow)\b/.test(t)) f.health_status.push("MONITOR");
  const top = t.match(/\b(?:top|first|biggest|largest|worst|best)\s+(\d{1,3})\b/);
  if (top) f.limit = Math.min(Number(top[1]), 100);
  if (/\b(?:biggest|largest|highest arr|most revenue|by arr)\b/.test(t)) f.sort = "arr";
  else if (f.health_drop) f.sort = "health_drop";
  else if (f.churn_min !== null || /\bmost likely to churn\b/.test(t)) f.sort = "churn_risk";
  else if (f.renewal_within_days !== null) f.sort = "renewal_date";
  else if (/\b(?:lowest|worst) health\b/.test(t)) f.sort = "health_score";
  const { csm, ambiguous } = csmIn(t, ctx.csms, ctx.me);
  f.csm = csm;
  return { filter: f, ambiguousCsm: ambiguous };
}

/** "Jane's clients", "Jane Smith's", "owned by John", "my clients". A first name shared by two CSMs is ambiguous. */
function csmIn(t: string, csms: { id: string; name: string }[], me: { id: string; name: string }) {
  if (/\bmy (?:own )?(?:clients|accounts|portfolio|book)\b/.test(t)) return { csm: me, ambiguous: [] };
  const hits = (candidates: { id: string; name: string }[], form: (name: string) => string) =>
    candidates.filter((c) => new RegExp(form(c.name.toLowerCase())).test(t));
  const full = hits(csms, (n) => `\\b${n}\\b`);
  if (full.length === 1) return { csm: full[0], ambiguous: [] };
  const first = hits(csms, (n) => `\\b${n.split(" ")[0]} s\\b|\\b(?:for|of|by|to|with) ${n.split(" ")[0]}\\b`);
  if (first.length === 1) return { csm: first[0], ambiguous: [] };
  return { csm: null, ambiguous: first.length > 1 ? first : [] };
}
