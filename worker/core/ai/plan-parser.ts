import type { ContractTier, HealthStatus } from "#worker/core/enums";

import { industryWords } from "./chat-filters";
import { findNamesInText, type NamedThing } from "./fuzzy-text";
import { conditionsIn, NOT, num, NUMW } from "./plan-conditions";
import {
  type AggregatePlan,
  emptyListPlan,
  type ListPlan,
  type PlanCategory,
  type PlanGroup,
  type PlanMeasure,
  type PlanMetric,
  type QueryPlan,
} from "./query-plan";

// The local query planner: a normalised, typo-corrected question → one QueryPlan (or a plain
// "I can't plan that", with the nearest question it can). It reads the parts of a question
// independently (whose book, which categories with or without "not", comparisons on metrics,
// order and top-N, a measure per group, a person to look up), so phrasings combine freely
// rather than matching a list of sentences.

export interface PlanContext {
  today: string;
  csms: NamedThing[];
  me: NamedThing;
  industries: string[];
  regions: string[];
  /** Contacts of the clients the user may see (for "when did we last talk to Sarah Chen"). */
  contacts: NamedThing[];
  clients: NamedThing[];
  /** Words a name must not be matched on ("the", "show", …). */
  ordinary: ReadonlySet<string>;
}

export type PlanReading =
  | { kind: "plan"; plan: QueryPlan; preset: "at_risk" | "filter" }
  | { kind: "cannot"; what: string; nearest: string }
  | { kind: "none" };

// ---- whose book -------------------------------------------------------------------------

export function bookIn(
  t: string,
  ctx: Pick<PlanContext, "csms" | "me">,
): { book: ListPlan["book"]; ambiguous: NamedThing[] } {
  if (/\b(?:my|mine|i own|i manage|i have|i haven t|i have not|i havent|i didn t|i did not|i ve not)\b/.test(t))
    return { book: { csm_id: ctx.me.id, csm_name: ctx.me.name }, ambiguous: [] };
  const hits = (form: (n: string) => string) => ctx.csms.filter((c) => new RegExp(form(c.name.toLowerCase())).test(t));
  const full = hits((n) => `\\b${n}\\b`);
  if (full.length === 1) return { book: { csm_id: full[0].id, csm_name: full[0].name }, ambiguous: [] };
  const first = hits(
    (n) =>
      `\\b${n.split(" ")[0]} s\\b|\\b(?:for|of|by|to|with|owns|manages|under) ${n.split(" ")[0]}\\b|^${n.split(" ")[0]}\\b`,
  );
  if (first.length === 1) return { book: { csm_id: first[0].id, csm_name: first[0].name }, ambiguous: [] };
  return { book: { csm_id: null, csm_name: null }, ambiguous: first.length > 1 ? first : [] };
}

// ---- categories -------------------------------------------------------------------------

const negatedAt = (t: string, index: number) =>
  new RegExp(`${NOT}\\s+(?:in\\s+|the\\s+|an?\\s+|on\\s+)?(?:\\w+\\s+)?$`).test(
    t.slice(Math.max(0, index - 28), index),
  );

function healthStatusIn(t: string): PlanCategory | null {
  if (/\bunhealthy\b/.test(t) || new RegExp(`${NOT}\\s+(?:yet\\s+|very\\s+|currently\\s+)?healthy\\b`).test(t))
    return { field: "health_status", values: ["HEALTHY"], negate: true };
  if (new RegExp(`${NOT}\\s+(?:at risk|in trouble|risky|critical)\\b`).test(t))
    return { field: "health_status", values: ["AT_RISK", "CRITICAL"], negate: true };
  const s = t.replace(/\b(?:arr|revenue|dollars|money) at risk\b/g, " ");
  if (
    /\bat risk\b|\brisky\b|\bin trouble\b|\bstruggling\b|\bneed(?:s|ing)? (?:attention|help)\b|\bin danger\b|\bmight churn\b|\bcould churn\b|\bat risk of churn|\bchurning\b|\bworried\b|\bworry\b|\bwho should i (?:call|focus|worry)/.test(
      s,
    )
  )
    return { field: "health_status", values: ["AT_RISK", "CRITICAL"], negate: false };
  if (/\bcritical\b|\bred\b/.test(s)) return { field: "health_status", values: ["CRITICAL"], negate: false };
  if (/\bmonitor\b|\bwatch list\b|\bon watch\b|\byellow\b/.test(s))
    return { field: "health_status", values: ["MONITOR"], negate: false };
  if (/\bhealthy\b|\bgreen\b/.test(s)) return { field: "health_status", values: ["HEALTHY"], negate: false };
  return null;
}

const TIERS: [string, ContractTier][] = [
  ["enterprise", "ENTERPRISE"],
  ["professional", "PROFESSIONAL"],
  ["pro", "PROFESSIONAL"],
  ["starter", "STARTER"],
  ["custom", "CUSTOM"],
];

function tierIn(t: string): PlanCategory | null {
  const values: ContractTier[] = [];
  let negate = false;
  for (const [word, tier] of TIERS) {
    const m = new RegExp(`\\b${word}\\b`).exec(t);
    if (!m || values.includes(tier)) continue;
    values.push(tier);
    negate ||= negatedAt(t, m.index);
  }
  return values.length ? { field: "tier", values, negate } : null;
}

function industryIn(t: string, industries: string[]): PlanCategory | null {
  const values: string[] = [];
  let negate = false;
  for (const i of industries) {
    for (const w of [i.toLowerCase(), ...industryWords([i])]) {
      const m = new RegExp(`\\b${w}\\b`).exec(t);
      if (!m) continue;
      if (!values.includes(i)) values.push(i);
      negate ||= negatedAt(t, m.index);
      break;
    }
  }
  return values.length ? { field: "industry", values, negate } : null;
}

function regionIn(t: string, regions: string[]): PlanCategory | null {
  const values: string[] = [];
  let negate = false;
  for (const r of regions) {
    const m = new RegExp(
      `\\b${r
        .toLowerCase()
        .replace(/[^a-z0-9 ]/g, " ")
        .replace(/\s+/g, " ")
        .trim()}\\b`,
    ).exec(t);
    if (!m) continue;
    values.push(r);
    negate ||= negatedAt(t, m.index);
  }
  return values.length ? { field: "region", values, negate } : null;
}

// ---- order and top-N ----------------------------------------------------------------------

const SORTS: [RegExp, PlanMetric | "priority", "asc" | "desc"][] = [
  [
    /\briskiest\b|\bmost at risk\b|\bhighest (?:churn )?risk\b|\bmost likely to churn\b|\bby (?:churn )?risk\b|\bby churn\b/,
    "churn_risk",
    "desc",
  ],
  [
    /\b(?:biggest|largest) (?:health )?(?:score )?drops?\b|\b(?:dropped|fell|declined) the most\b|\blargest drops?\b|\bsteepest\b/,
    "health_change",
    "asc",
  ],
  [
    /\b(?:lowest|worst|weakest) health\b|\bunhealthiest\b|\bsickest\b|\bby health(?: score)? ascending\b/,
    "health",
    "asc",
  ],
  [/\bhealthiest\b|\b(?:best|highest|strongest) health\b|\bby health(?: score)?\b/, "health", "desc"],
  [/\bsmallest\b|\blowest (?:arr|revenue)\b/, "arr", "asc"],
  [
    /\bbiggest\b|\blargest\b|\bhighest (?:arr|revenue|paying)\b|\bmost valuable\b|\bby (?:arr|revenue|annual revenue|annual recurring revenue|contract value|size|value)\b|\bmost (?:arr|revenue)\b|\btop (?:\w+ )?(?:clients|accounts|customers)? ?by (?:arr|revenue)\b/,
    "arr",
    "desc",
  ],
  [
    /\b(?:renewing|renew|renewals?) (?:the )?soonest\b|\bsoonest renewals?\b|\bnext to renew\b|\bby renewal(?: date)?\b/,
    "days_to_renewal",
    "asc",
  ],
  [
    /\blongest (?:without|since)\b|\bmost neglected\b|\bleast recently (?:contacted|touched)\b|\bby last contact\b/,
    "days_since_contact",
    "desc",
  ],
  [/\blowest adoption\b|\bby adoption\b/, "adoption", "asc"],
];

export function sortIn(t: string): { sort: ListPlan["sort"]; limit: number | null } {
  let sort: ListPlan["sort"] = null;
  for (const [re, metric, dir] of SORTS)
    if (re.test(t)) {
      sort = { metric, dir };
      break;
    }
  const top =
    t.match(new RegExp(`\\b(?:top|first|bottom)\\s+${NUMW}\\b`)) ??
    t.match(
      new RegExp(
        `\\b${NUMW}\\s+(?:riskiest|biggest|largest|healthiest|unhealthiest|smallest|most|least|highest|lowest|worst|best)\\b`,
      ),
    ) ??
    t.match(new RegExp(`\\b(?:the\\s+)?(?:riskiest|biggest|largest|healthiest|smallest)\\s+${NUMW}\\b`));
  const limit =
    top && num(top[1])
      ? Math.min(100, num(top[1]))
      : /\b(?:the )?(?:riskiest|biggest|largest|healthiest|smallest) (?:client|account|customer)\b|\bwhich (?:client|account|customer) (?:is|has)\b/.test(
            t,
          )
        ? 1
        : /\btop\b/.test(t) && sort
          ? 10
          : null;
  if (!sort && /\btop\b/.test(t) && limit) sort = { metric: "priority", dir: "desc" };
  return { sort, limit };
}

// ---- aggregates and lookups ----------------------------------------------------------------

const MEASURES: [RegExp, PlanMeasure][] = [
  [
    /\b(?:expected|predicted|projected|forecast(?:ed)?|anticipated|estimated|likely)\s+(?:churn|attrition|losses|loss)\b|\bchurn (?:rate|forecast|prediction|outlook|projection)\b|\bforecast\b.*\bchurn\b|\bhow many (?:clients |accounts |customers )?(?:will|are going to|might|could|do we expect to) (?:churn|leave|lose)\b|\bhow much (?:arr|revenue) (?:will|could|might|are) we (?:going to )?lose\b|\bchurn next quarter\b|\bpredict(?:ed)? churn\b/,
    "expected_churn",
  ],
  [/\b(?:arr|revenue|dollars|money)\s+(?:is\s+)?at risk\b|\bat risk (?:arr|revenue)\b/, "arr_at_risk"],
  [/\b(?:average|avg|mean|typical)\s+health(?: score)?\b/, "avg_health"],
  [/\b(?:average|avg|mean)\s+churn(?: risk)?\b/, "avg_churn_risk"],
  [/\b(?:total|sum of|how much)\s+(?:arr|revenue)\b|\b(?:arr|revenue) (?:by|per)\b|\bmost (?:arr|revenue)\b/, "arr"],
  [
    /\bhow many\b|\bnumber of\b|\bcount of\b|\bmost (?:clients|accounts|customers)\b|\bfewest (?:clients|accounts)\b/,
    "count",
  ],
];
const GROUPS: [RegExp, PlanGroup][] = [
  [/\b(?:csms?|managers?|owners?|account managers?|reps?)\b/, "csm"],
  [/\btiers?\b|\bcontract tiers?\b/, "tier"],
  [/\bindustr(?:y|ies)\b|\bsectors?\b|\bverticals?\b/, "industry"],
  [/\bregions?\b|\bgeograph(?:y|ies)\b/, "region"],
  [/\bbands?\b|\bhealth status(?:es)?\b|\bstatus(?:es)?\b/, "health_status"],
];

export function aggregateIn(t: string): Pick<AggregatePlan, "measure" | "group_by" | "order" | "limit"> | null {
  const measure = MEASURES.find(([re]) => re.test(t))?.[1];
  if (!measure) return null;
  const grouping = t.match(
    /\b(?:by|per|for each|each|across|which|what|whose|every)\s+((?:\w+\s+){0,2}?(?:csms?|managers?|owners?|account managers?|reps?|tiers?|industr(?:y|ies)|sectors?|verticals?|regions?|bands?|status(?:es)?))\b/,
  );
  const group_by = grouping ? (GROUPS.find(([re]) => re.test(grouping[1]))?.[1] ?? null) : null;
  const asc =
    /\b(?:least|lowest|smallest|fewest|worst)\b/.test(t) && !(measure === "avg_health" && /\bworst\b/.test(t) && false);
  const order = measure === "avg_health" && /\bworst\b/.test(t) ? "asc" : asc ? "asc" : "desc";
  const single =
    group_by &&
    /\b(?:which|what|whose)\s+(?:\w+\s+){0,2}?(?:csm|manager|owner|rep|tier|industry|sector|vertical|region|band)\b(?!s)/.test(
      t,
    ) &&
    /\b(?:most|least|highest|lowest|biggest|largest|smallest|fewest|best|worst)\b/.test(t);
  return { measure, group_by, order, limit: single ? 1 : null };
}

export function lookupIn(
  t: string,
  words: string[],
  ctx: PlanContext,
): { person: string; what: "last_contact" | "last_login" } | null {
  const contact =
    /\bwhen (?:did|was|have) (?:we|i|you|anyone|someone|the team)\s+(?:last\s+)?(?:talk|speak|spoke|meet|met|call|email|contact|hear|reach|touch)\w*\b|\b(?:last|latest|most recent) (?:time (?:we|i) )?(?:talked|spoke|met|contacted|call|conversation|contact|touchpoint|meeting|touch)\w*\s+(?:to|with|from)\b|\bwhen was (?:our|my|the) last (?:contact|call|meeting|conversation|touchpoint) with\b/;
  const login =
    /\bwhen did (.+?) (?:last )?(?:log|sign) ?in\b|\b(?:last|latest) (?:log ?in|login|sign ?in) (?:of|for|by|from)\b/;
  const what = contact.test(t) ? "last_contact" : login.test(t) ? "last_login" : null;
  if (!what) return null;
  const person = findNamesInText(words, ctx.contacts, ctx.ordinary)[0];
  if (person && person.complete) return { person: person.item.name, what };
  const client = findNamesInText(words, ctx.clients, ctx.ordinary)[0];
  if (client) return { person: client.item.name, what };
  if (person) return { person: person.item.name, what };
  const tail = t.match(/\b(?:to|with|from|did)\s+([a-z][a-z ]{1,60}?)(?:\s+(?:last|log|sign|recently))?$/);
  return tail ? { person: tail[1].trim(), what } : null;
}

// ---- the plan -------------------------------------------------------------------------------

const UNPLANNABLE: [RegExp, string, string][] = [
  [
    /\btickets?\b|\bsupport cases?\b|\bescalations?\b/,
    "support tickets",
    "Which clients' health dropped more than 10 points in the last 30 days?",
  ],
  [/\bnps\b|\bcsat\b|\bsurveys?\b|\bpromoters?\b|\bdetractors?\b/, "survey scores", "Which clients are not healthy?"],
  [/\binvoices?\b|\bpayments?\b|\boverdue bills?\b|\bbilling\b/, "billing", "Which clients renew in the next 90 days?"],
  [/\bsentiment\b|\bhappy\b|\bunhappy\b|\bsatisfied\b/, "sentiment", "Which clients are not healthy?"],
  [
    /\bdaily active users\b|\bdau\b|\bmau\b|\bactive users\b|\busage\b/,
    "usage counts",
    "Which clients have adoption below 50?",
  ],
];

export function hasWhere(p: Pick<ListPlan, "book" | "categories" | "conditions">): boolean {
  return p.book.csm_id !== null || p.categories.length > 0 || p.conditions.length > 0;
}

export function readPlan(
  text: string,
  words: string[],
  ctx: PlanContext,
): PlanReading & { ambiguousCsm?: NamedThing[] } {
  const t = text.replace(/\b(more|less|greater|fewer|higher|lower|bigger|smaller) then\b/g, "$1 than");
  const lookup = lookupIn(t, words, ctx);
  if (lookup) return { kind: "plan", plan: { kind: "lookup", ...lookup }, preset: "filter" };
  const { book, ambiguous } = bookIn(t, ctx);
  const aggregate = aggregateIn(t);
  const categories = [
    healthStatusIn(
      aggregate?.measure === "arr_at_risk" || aggregate?.measure === "expected_churn"
        ? t.replace(/\bat risk\b|\bchurn\w*/g, " ")
        : t,
    ),
    tierIn(t),
    industryIn(t, ctx.industries),
    regionIn(t, ctx.regions),
  ].filter((c): c is PlanCategory => c !== null);
  const conditions = conditionsIn(t, ctx.today);
  if (aggregate)
    return {
      kind: "plan",
      plan: { kind: "aggregate", book, categories, conditions, ...aggregate },
      preset: "filter",
      ambiguousCsm: ambiguous,
    };
  const { sort, limit } = sortIn(t);
  const plan: ListPlan = { ...emptyListPlan(), book, categories, conditions, sort, limit };
  const atRisk = categories.some(
    (c) =>
      c.field === "health_status" &&
      !c.negate &&
      (c.values as HealthStatus[]).some((s) => s === "AT_RISK" || s === "CRITICAL"),
  );
  if (hasWhere(plan) || sort || limit)
    return {
      kind: "plan",
      plan,
      preset: atRisk && conditions.length === 0 ? "at_risk" : "filter",
      ambiguousCsm: ambiguous,
    };
  if (ambiguous.length) return { kind: "none", ambiguousCsm: ambiguous };
  const gap = UNPLANNABLE.find(([re]) => re.test(t));
  if (gap) return { kind: "cannot", what: gap[1], nearest: gap[2] };
  return { kind: "none" };
}

/** A follow-up ("only enterprise", "and not in tech", "top 3 of those") narrows the previous list. */
export function mergePlans(a: ListPlan, b: ListPlan): ListPlan {
  return {
    kind: "list",
    book: b.book.csm_id ? b.book : a.book,
    categories: [...a.categories.filter((c) => !b.categories.some((d) => d.field === c.field)), ...b.categories],
    conditions: [...a.conditions.filter((c) => !b.conditions.some((d) => d.metric === c.metric)), ...b.conditions],
    sort: b.sort ?? a.sort,
    limit: b.limit ?? a.limit,
  };
}
