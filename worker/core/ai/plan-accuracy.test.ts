import { describe, expect, it } from "vitest";

import { type ConversationState, parseChatMessage, type ParseContext } from "./chat-intent-parser";
import {
  type AggregatePlan,
  emptyListPlan,
  type ListPlan,
  type LookupPlan,
  type PlanCategory,
  type PlanCondition,
  type QueryPlan,
} from "./query-plan";

// Measured accuracy of the local planner: at least 150 phrasings a CSM or a VP actually types
// (synonyms, typos, negations, follow-ups) with the plan each must produce. The test reports the
// accuracy and fails below 95%; every example from issue 18 must be right.

const TODAY = "2026-12-05";
const JANE = { id: "jane", name: "Jane Smith" };
const VP = { id: "vp", name: "Victoria Price" };
const MINE = { csm_id: "jane", csm_name: "Jane Smith" };
const NONE = { csm_id: null, csm_name: null };
const JOHNS = { csm_id: "john", csm_name: "John Doe" };

const ctx = (me = JANE, previous: ConversationState | null = null): ParseContext => ({
  today: TODAY,
  clients: [
    { id: "acme", name: "Acme Corporation" },
    { id: "beta", name: "Beta Industries" },
    { id: "orion", name: "Orion Health" },
    { id: "sentinel", name: "Sentinel Logistics" },
  ],
  csms: [JANE, { id: "john", name: "John Doe" }, { id: "maria", name: "Maria Garcia" }],
  industries: ["Manufacturing", "Healthcare", "Financial Services", "Technology", "Transportation", "Retail"],
  regions: ["North America", "EMEA", "APAC"],
  contacts: [
    { id: "k1", name: "Sarah Chen" },
    { id: "k2", name: "Tom Baker" },
    { id: "k3", name: "Priya Patel" },
  ],
  me,
  previous,
  pageClientId: null,
});

const L = (p: Partial<ListPlan>): ListPlan => ({ ...emptyListPlan(), ...p });
const A = (
  measure: AggregatePlan["measure"],
  group_by: AggregatePlan["group_by"] = null,
  over: Partial<AggregatePlan> = {},
): AggregatePlan => ({
  kind: "aggregate",
  book: NONE,
  categories: [],
  conditions: [],
  measure,
  group_by,
  order: "desc",
  limit: null,
  ...over,
});
const K = (person: string, what: LookupPlan["what"] = "last_contact"): LookupPlan => ({ kind: "lookup", person, what });
const cat = (field: PlanCategory["field"], values: string[], negate = false) =>
  ({ field, values, negate }) as PlanCategory;
const c = (
  metric: PlanCondition["metric"],
  op: PlanCondition["op"],
  value: number,
  window_days?: number,
): PlanCondition => (window_days ? { metric, op, value, window_days } : { metric, op, value });
const RISK = cat("health_status", ["AT_RISK", "CRITICAL"]);
const NOT_HEALTHY = cat("health_status", ["HEALTHY"], true);
const renew = (days: number) => [c("days_to_renewal", "gte", 0), c("days_to_renewal", "lte", days)];
const drop = (n: number, days = 30, op: PlanCondition["op"] = "lt") => c("health_change", op, -n, days);

type Row = { m: string; plan: QueryPlan; vp?: boolean; prev?: ListPlan; issue?: boolean };

const ROWS: Row[] = [
  // ---- issue 18's examples ----
  {
    issue: true,
    m: "Show me clients whose health dropped more than 10 points this month",
    plan: L({ conditions: [drop(10)] }),
  },
  {
    issue: true,
    m: "Which of my clients have not been contacted in 60 days?",
    plan: L({ book: MINE, conditions: [c("days_since_contact", "gt", 60)] }),
  },
  {
    issue: true,
    m: "Which enterprise accounts of mine are not healthy?",
    plan: L({ book: MINE, categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"])] }),
  },
  { issue: true, m: "Top 5 clients by annual revenue", plan: L({ sort: { metric: "arr", dir: "desc" }, limit: 5 }) },
  { issue: true, vp: true, m: "Which CSM has the most ARR at risk?", plan: A("arr_at_risk", "csm", { limit: 1 }) },
  { issue: true, vp: true, m: "What is our predicted churn rate next quarter?", plan: A("expected_churn") },
  { issue: true, m: "When did we last talk to Sarah Chen?", plan: K("Sarah Chen") },
  { issue: true, m: "ARR at risk by CSM", vp: true, plan: A("arr_at_risk", "csm") },
  { issue: true, m: "average health by tier", vp: true, plan: A("avg_health", "tier") },
  { issue: true, m: "expected churn next quarter", plan: A("expected_churn") },
  { issue: true, m: "three riskiest", plan: L({ sort: { metric: "churn_risk", dir: "desc" }, limit: 3 }) },
  { issue: true, m: "top 5 by ARR", plan: L({ sort: { metric: "arr", dir: "desc" }, limit: 5 }) },
  { issue: true, m: "clients that are not healthy", plan: L({ categories: [NOT_HEALTHY] }) },
  { issue: true, m: "clients not in technology", plan: L({ categories: [cat("industry", ["Technology"], true)] }) },

  // ---- health change, windows ----
  { m: "clients whose health fell more than 10 points in the last 30 days", plan: L({ conditions: [drop(10)] }) },
  { m: "which accounts dropped by more than 10 points this month", plan: L({ conditions: [drop(10)] }) },
  { m: "health dropped over 10 pts this month", plan: L({ conditions: [drop(10)] }) },
  { m: "who lost more than 8 points", plan: L({ conditions: [drop(8)] }) },
  {
    m: "clients whose score declined at least 15 points in the last 14 days",
    plan: L({ conditions: [drop(15, 14, "lte")] }),
  },
  { m: "scores that fell 5+ points this week", plan: L({ conditions: [drop(5, 7, "lte")] }) },
  { m: "health dropped more than 10 points since the 1st", plan: L({ conditions: [drop(10, 4)] }) },
  { m: "clients down more than 20 points this quarter", plan: L({ conditions: [drop(20, 91)] }) },
  { m: "20 point drops in the last 2 months", plan: L({ conditions: [drop(20, 60, "lte")] }) },
  {
    m: "clients whose health improved by more than 5 points this month",
    plan: L({ conditions: [c("health_change", "gt", 5, 30)] }),
  },
  {
    m: "accounts that gained at least 10 points in the past 60 days",
    plan: L({ conditions: [c("health_change", "gte", 10, 60)] }),
  },
  { m: "clients with declining health", plan: L({ conditions: [c("health_change", "lt", 0, 30)] }) },
  { m: "whose health is dropping", plan: L({ conditions: [c("health_change", "lt", 0, 30)] }) },
  {
    m: "my clients whose health dropped more than 10 points this month",
    plan: L({ book: MINE, conditions: [drop(10)] }),
  },
  {
    m: "enterprise clients that fell more than 10 points this month",
    plan: L({ categories: [cat("tier", ["ENTERPRISE"])], conditions: [drop(10)] }),
  },
  { m: "show me clents whose helth droped more then 10 points this month", plan: L({ conditions: [drop(10)] }) },
  { m: "biggest health drops this month", plan: L({ sort: { metric: "health_change", dir: "asc" } }) },
  { m: "which clients dropped the most", plan: L({ sort: { metric: "health_change", dir: "asc" } }) },

  // ---- last CSM contact ----
  {
    m: "clients I haven't contacted in 60 days",
    plan: L({ book: MINE, conditions: [c("days_since_contact", "gt", 60)] }),
  },
  {
    m: "which of my accounts have not been contacted in 60 days",
    plan: L({ book: MINE, conditions: [c("days_since_contact", "gt", 60)] }),
  },
  { m: "accounts with no contact in 90 days", plan: L({ conditions: [c("days_since_contact", "gt", 90)] }) },
  { m: "clients we haven't talked to in 2 months", plan: L({ conditions: [c("days_since_contact", "gt", 60)] }) },
  { m: "who hasn't been called in 45 days", plan: L({ conditions: [c("days_since_contact", "gt", 45)] }) },
  { m: "neglected clients", plan: L({ conditions: [c("days_since_contact", "gt", 30)] }) },
  { m: "clients with no CSM contact for 30 days", plan: L({ conditions: [c("days_since_contact", "gt", 30)] }) },
  { m: "clients not contacted in the last 3 weeks", plan: L({ conditions: [c("days_since_contact", "gt", 21)] }) },
  { m: "clients contacted in the last 7 days", plan: L({ conditions: [c("days_since_contact", "lte", 7)] }) },
  { m: "which clients have gone dark for 60 days", plan: L({ conditions: [c("days_since_contact", "gt", 60)] }) },
  {
    m: "John's clients not contacted in 60 days",
    vp: true,
    plan: L({ book: JOHNS, conditions: [c("days_since_contact", "gt", 60)] }),
  },
  {
    m: "at risk clients with no contact in 30 days",
    plan: L({ categories: [RISK], conditions: [c("days_since_contact", "gt", 30)] }),
  },
  { m: "clients last contacted more than 60 days ago", plan: L({ conditions: [c("days_since_contact", "gt", 60)] }) },
  {
    m: "wich of my clents have not been contactd in 60 days",
    plan: L({ book: MINE, conditions: [c("days_since_contact", "gt", 60)] }),
  },
  { m: "most neglected accounts", plan: L({ sort: { metric: "days_since_contact", dir: "desc" } }) },

  // ---- contact logins ----
  { m: "clients where nobody has logged in for 30 days", plan: L({ conditions: [c("days_since_login", "gt", 30)] }) },
  { m: "accounts with no logins in 14 days", plan: L({ conditions: [c("days_since_login", "gt", 14)] }) },
  {
    m: "clients whose contacts haven't logged in for 2 weeks",
    plan: L({ conditions: [c("days_since_login", "gt", 14)] }),
  },
  {
    m: "my clients with no login in the last 60 days",
    plan: L({ book: MINE, conditions: [c("days_since_login", "gt", 60)] }),
  },
  { m: "clients with a login in the last 7 days", plan: L({ conditions: [c("days_since_login", "lte", 7)] }) },

  // ---- negation on categories ----
  {
    m: "which enterprise accounts are not healthy",
    plan: L({ categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"])] }),
  },
  { m: "unhealthy enterprise clients", plan: L({ categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"])] }) },
  { m: "my clients that aren't healthy", plan: L({ book: MINE, categories: [NOT_HEALTHY] }) },
  { m: "clients that are not at risk", plan: L({ categories: [cat("health_status", ["AT_RISK", "CRITICAL"], true)] }) },
  { m: "at risk clients not in technology", plan: L({ categories: [RISK, cat("industry", ["Technology"], true)] }) },
  { m: "clients outside healthcare", plan: L({ categories: [cat("industry", ["Healthcare"], true)] }) },
  { m: "non enterprise clients", plan: L({ categories: [cat("tier", ["ENTERPRISE"], true)] }) },
  { m: "clients excluding manufacturing", plan: L({ categories: [cat("industry", ["Manufacturing"], true)] }) },
  {
    m: "accounts that are not enterprise and not healthy",
    plan: L({ categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"], true)] }),
  },
  {
    m: "healthy clients not in tech",
    plan: L({ categories: [cat("health_status", ["HEALTHY"]), cat("industry", ["Technology"], true)] }),
  },
  { m: "clients not in EMEA", plan: L({ categories: [cat("region", ["EMEA"], true)] }) },
  {
    m: "critical accounts in EMEA",
    plan: L({ categories: [cat("health_status", ["CRITICAL"]), cat("region", ["EMEA"])] }),
  },
  {
    m: "enterprise accounts of mine that are not healthy",
    plan: L({ book: MINE, categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"])] }),
  },
  {
    m: "which enterprize acounts of mine are not helthy",
    plan: L({ book: MINE, categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"])] }),
  },

  // ---- categories ----
  { m: "Show me at-risk clients", plan: L({ categories: [RISK] }) },
  { m: "which accounts are in trouble", plan: L({ categories: [RISK] }) },
  { m: "list my critical clients", plan: L({ book: MINE, categories: [cat("health_status", ["CRITICAL"])] }) },
  { m: "clients on the watch list", plan: L({ categories: [cat("health_status", ["MONITOR"])] }) },
  {
    m: "healthy clients in manufacturing",
    plan: L({ categories: [cat("health_status", ["HEALTHY"]), cat("industry", ["Manufacturing"])] }),
  },
  {
    m: "Jane's enterprise clients in manufacturing",
    vp: true,
    plan: L({ book: MINE, categories: [cat("tier", ["ENTERPRISE"]), cat("industry", ["Manufacturing"])] }),
  },
  {
    m: "enterprise accounts owned by John in banking",
    vp: true,
    plan: L({ book: JOHNS, categories: [cat("tier", ["ENTERPRISE"]), cat("industry", ["Financial Services"])] }),
  },
  {
    m: "starter tier clients in retail",
    plan: L({ categories: [cat("tier", ["STARTER"]), cat("industry", ["Retail"])] }),
  },
  {
    m: "professional clients in APAC",
    plan: L({ categories: [cat("tier", ["PROFESSIONAL"]), cat("region", ["APAC"])] }),
  },
  { m: "at risk healthcare clients", plan: L({ categories: [RISK, cat("industry", ["Healthcare"])] }) },
  { m: "clients that need attention", plan: L({ categories: [RISK] }) },
  { m: "which customers might churn", plan: L({ categories: [RISK] }) },
  { m: "any at-rsk acounts?", plan: L({ categories: [RISK] }) },

  // ---- comparisons on metrics ----
  { m: "clients with churn risk above 30%", plan: L({ conditions: [c("churn_risk", "gt", 30)] }) },
  { m: "accounts with a churn risk over 50", plan: L({ conditions: [c("churn_risk", "gt", 50)] }) },
  { m: "clients with high churn risk", plan: L({ conditions: [c("churn_risk", "gte", 50)] }) },
  { m: "churn risk below 10%", plan: L({ conditions: [c("churn_risk", "lt", 10)] }) },
  { m: "clients with health below 60", plan: L({ conditions: [c("health", "lt", 60)] }) },
  { m: "accounts with a health score under 50", plan: L({ conditions: [c("health", "lt", 50)] }) },
  { m: "clients with health above 80", plan: L({ conditions: [c("health", "gt", 80)] }) },
  { m: "health score at least 70", plan: L({ conditions: [c("health", "gte", 70)] }) },
  { m: "clients with adoption below 50", plan: L({ conditions: [c("adoption", "lt", 50)] }) },
  { m: "accounts with low adoption", plan: L({ conditions: [c("adoption", "lt", 50)] }) },
  { m: "adoption under 40%", plan: L({ conditions: [c("adoption", "lt", 40)] }) },
  { m: "clients over $100K", plan: L({ conditions: [c("arr", "gt", 100_000)] }) },
  { m: "accounts with ARR above 250k", plan: L({ conditions: [c("arr", "gt", 250_000)] }) },
  { m: "clients under $20k ARR", plan: L({ conditions: [c("arr", "lt", 20_000)] }) },
  { m: "clients between $50k and $100k", plan: L({ conditions: [c("arr", "gte", 50_000), c("arr", "lte", 100_000)] }) },
  { m: "clients with at least $1M in revenue", plan: L({ conditions: [c("arr", "gte", 1_000_000)] }) },
  {
    m: "enterprise clients over $500K with churn risk above 20%",
    plan: L({
      categories: [cat("tier", ["ENTERPRISE"])],
      conditions: [c("churn_risk", "gt", 20), c("arr", "gt", 500_000)],
    }),
  },
  { m: "at risk clients over $100k", plan: L({ categories: [RISK], conditions: [c("arr", "gt", 100_000)] }) },

  // ---- renewals ----
  { m: "renewals in the next 60 days over $50K", plan: L({ conditions: [...renew(60), c("arr", "gt", 50_000)] }) },
  { m: "Renewals in the next 60 days over $50,000", plan: L({ conditions: [...renew(60), c("arr", "gt", 50_000)] }) },
  {
    m: "clients renewing within 3 months above 100k ARR",
    plan: L({ conditions: [...renew(90), c("arr", "gt", 100_000)] }),
  },
  { m: "who is up for renewal in 2 weeks", plan: L({ conditions: renew(14) }) },
  { m: "renewals next quarter", plan: L({ conditions: renew(90) }) },
  { m: "my renewals in the next 90 days", plan: L({ book: MINE, conditions: renew(90) }) },
  { m: "at risk clients renewing in the next 120 days", plan: L({ categories: [RISK], conditions: renew(120) }) },
  { m: "unhealthy renewals in the next 30 days", plan: L({ categories: [NOT_HEALTHY], conditions: renew(30) }) },
  { m: "renewals coming up soon", plan: L({ conditions: renew(90) }) },
  {
    m: "renewals in the next 60 days sorted by ARR",
    plan: L({ conditions: renew(60), sort: { metric: "arr", dir: "desc" } }),
  },

  // ---- sort and top-N ----
  { m: "top 10 clients by ARR", plan: L({ sort: { metric: "arr", dir: "desc" }, limit: 10 }) },
  { m: "top five accounts by revenue", plan: L({ sort: { metric: "arr", dir: "desc" }, limit: 5 }) },
  { m: "my 3 biggest clients", plan: L({ book: MINE, sort: { metric: "arr", dir: "desc" }, limit: 3 }) },
  { m: "largest accounts", plan: L({ sort: { metric: "arr", dir: "desc" } }) },
  { m: "the riskiest client", plan: L({ sort: { metric: "churn_risk", dir: "desc" }, limit: 1 }) },
  {
    m: "5 riskiest enterprise accounts",
    plan: L({ categories: [cat("tier", ["ENTERPRISE"])], sort: { metric: "churn_risk", dir: "desc" }, limit: 5 }),
  },
  { m: "clients most likely to churn", plan: L({ sort: { metric: "churn_risk", dir: "desc" } }) },
  { m: "lowest health clients", plan: L({ sort: { metric: "health", dir: "asc" } }) },
  { m: "my 10 unhealthiest accounts", plan: L({ book: MINE, sort: { metric: "health", dir: "asc" }, limit: 10 }) },
  {
    m: "top 3 healthiest clients in retail",
    plan: L({ categories: [cat("industry", ["Retail"])], sort: { metric: "health", dir: "desc" }, limit: 3 }),
  },
  { m: "smallest clients", plan: L({ sort: { metric: "arr", dir: "asc" } }) },
  { m: "clients renewing soonest", plan: L({ sort: { metric: "days_to_renewal", dir: "asc" } }) },
  { m: "top 5 clents by anual revenue", plan: L({ sort: { metric: "arr", dir: "desc" }, limit: 5 }) },
  {
    m: "top 3 at risk clients by ARR",
    plan: L({ categories: [RISK], sort: { metric: "arr", dir: "desc" }, limit: 3 }),
  },
  { m: "lowest adoption clients", plan: L({ sort: { metric: "adoption", dir: "asc" } }) },

  // ---- aggregates ----
  { vp: true, m: "which csm has the most arr at risk", plan: A("arr_at_risk", "csm", { limit: 1 }) },
  { vp: true, m: "ARR at risk per CSM", plan: A("arr_at_risk", "csm") },
  { vp: true, m: "how much revenue is at risk", plan: A("arr_at_risk") },
  {
    vp: true,
    m: "total ARR at risk in enterprise",
    plan: A("arr_at_risk", null, { categories: [cat("tier", ["ENTERPRISE"])] }),
  },
  { vp: true, m: "ARR at risk by industry", plan: A("arr_at_risk", "industry") },
  { vp: true, m: "average health by industry", plan: A("avg_health", "industry") },
  { vp: true, m: "avg health score per region", plan: A("avg_health", "region") },
  {
    vp: true,
    m: "which tier has the lowest average health",
    plan: A("avg_health", "tier", { order: "asc", limit: 1 }),
  },
  {
    vp: true,
    m: "what's the average health of my book",
    plan: A("avg_health", null, { book: { csm_id: "vp", csm_name: "Victoria Price" } }),
  },
  { m: "what is the average health of my clients", plan: A("avg_health", null, { book: MINE }) },
  { vp: true, m: "average churn risk by csm", plan: A("avg_churn_risk", "csm") },
  { vp: true, m: "how many clients are at risk", plan: A("count", null, { categories: [RISK] }) },
  { m: "how many of my clients are not healthy", plan: A("count", null, { book: MINE, categories: [NOT_HEALTHY] }) },
  { vp: true, m: "number of clients by tier", plan: A("count", "tier") },
  { vp: true, m: "which CSM has the most clients", plan: A("count", "csm", { limit: 1 }) },
  { vp: true, m: "how many clients per csm", plan: A("count", "csm") },
  { vp: true, m: "total ARR by region", plan: A("arr", "region") },
  {
    vp: true,
    m: "how much ARR do we have in healthcare",
    plan: A("arr", null, { categories: [cat("industry", ["Healthcare"])] }),
  },
  { vp: true, m: "what's our expected churn next quarter", plan: A("expected_churn") },
  { vp: true, m: "predicted churn next quarter by CSM", plan: A("expected_churn", "csm") },
  { vp: true, m: "churn forecast for next quarter", plan: A("expected_churn") },
  { vp: true, m: "how many clients will churn next quarter", plan: A("expected_churn") },
  { vp: true, m: "how much revenue will we lose next quarter", plan: A("expected_churn") },
  {
    vp: true,
    m: "expected churn next quarter for enterprise",
    plan: A("expected_churn", null, { categories: [cat("tier", ["ENTERPRISE"])] }),
  },
  { vp: true, m: "what's the predicted churn for John's book", plan: A("expected_churn", null, { book: JOHNS }) },
  { vp: true, m: "wat is our predicted churn rate nxt quarter", plan: A("expected_churn") },
  { vp: true, m: "which industry has the most arr at risk", plan: A("arr_at_risk", "industry", { limit: 1 }) },
  { vp: true, m: "arr at risk by tier", plan: A("arr_at_risk", "tier") },
  { vp: true, m: "average health by band", plan: A("avg_health", "health_status") },
  { vp: true, m: "which region has the highest average churn risk", plan: A("avg_churn_risk", "region", { limit: 1 }) },

  // ---- written after the parser, not tuned on (a check on generalisation) ----
  {
    m: "Which of my accounts haven't we spoken to in over 90 days?",
    plan: L({ book: MINE, conditions: [c("days_since_contact", "gt", 90)] }),
  },
  {
    m: "list enterprise customers that aren't healthy",
    plan: L({ categories: [NOT_HEALTHY, cat("tier", ["ENTERPRISE"])] }),
  },
  {
    m: "Show the 10 largest clients in healthcare",
    plan: L({ categories: [cat("industry", ["Healthcare"])], sort: { metric: "arr", dir: "desc" }, limit: 10 }),
  },
  { vp: true, m: "What's the total ARR at risk per region?", plan: A("arr_at_risk", "region") },
  { m: "clients with churn risk of at least 40%", plan: L({ conditions: [c("churn_risk", "gte", 40)] }) },
  { m: "which clients dropped more than 15 points in the last 60 days", plan: L({ conditions: [drop(15, 60)] }) },
  {
    vp: true,
    m: "How many enterprise clients are critical?",
    plan: A("count", null, { categories: [cat("health_status", ["CRITICAL"]), cat("tier", ["ENTERPRISE"])] }),
  },
  {
    m: "renewals in the next 45 days that are not healthy",
    plan: L({ categories: [NOT_HEALTHY], conditions: renew(45) }),
  },
  {
    m: "my clients with health under 60 and ARR over $50k",
    plan: L({ book: MINE, conditions: [c("health", "lt", 60), c("arr", "gt", 50_000)] }),
  },
  {
    vp: true,
    m: "Which industry has the lowest average health?",
    plan: A("avg_health", "industry", { order: "asc", limit: 1 }),
  },
  { m: "When did we last hear from Priya Patel?", plan: K("Priya Patel") },
  { m: "top 3 clients by churn risk", plan: L({ sort: { metric: "churn_risk", dir: "desc" }, limit: 3 }) },

  // ---- lookups ----
  { m: "when did we last talk to sarah chen", plan: K("Sarah Chen") },
  { m: "When did I last speak with Tom Baker?", plan: K("Tom Baker") },
  { m: "last time we talked to Priya Patel", plan: K("Priya Patel") },
  { m: "when did we last meet with sara chen", plan: K("Sarah Chen") },
  { m: "when was our last call with Tom Baker", plan: K("Tom Baker") },
  { m: "when did Sarah Chen last log in", plan: K("Sarah Chen", "last_login") },
  { m: "last login of Priya Patel", plan: K("Priya Patel", "last_login") },
  { m: "when did we last talk to Acme", plan: K("Acme Corporation") },
  { m: "When did we last contact Beta Industries?", plan: K("Beta Industries") },
  { m: "when did we last speak to sarah", plan: K("Sarah Chen") },
];

const FOLLOW_UPS: Row[] = [
  {
    prev: L({ conditions: renew(90) }),
    m: "only enterprise ones over $100k",
    plan: L({ categories: [cat("tier", ["ENTERPRISE"])], conditions: [...renew(90), c("arr", "gt", 100_000)] }),
  },
  {
    prev: L({ categories: [RISK] }),
    m: "and not in technology",
    plan: L({ categories: [RISK, cat("industry", ["Technology"], true)] }),
  },
  {
    prev: L({ categories: [RISK] }),
    m: "which of those are enterprise",
    plan: L({ categories: [RISK, cat("tier", ["ENTERPRISE"])] }),
  },
  {
    prev: L({ conditions: [drop(10)] }),
    m: "top 3 of those by ARR",
    plan: L({ conditions: [drop(10)], sort: { metric: "arr", dir: "desc" }, limit: 3 }),
  },
  {
    prev: L({ book: MINE, categories: [NOT_HEALTHY] }),
    m: "just the ones renewing in the next 60 days",
    plan: L({ book: MINE, categories: [NOT_HEALTHY], conditions: renew(60) }),
  },
  {
    prev: L({ categories: [cat("tier", ["ENTERPRISE"])] }),
    m: "only the ones not contacted in 30 days",
    plan: L({ categories: [cat("tier", ["ENTERPRISE"])], conditions: [c("days_since_contact", "gt", 30)] }),
  },
  {
    prev: L({ categories: [RISK] }),
    m: "now only healthcare",
    plan: L({ categories: [RISK, cat("industry", ["Healthcare"])] }),
  },
  { prev: L({ categories: [RISK] }), m: "what about John's?", vp: true, plan: L({ book: JOHNS, categories: [RISK] }) },
  {
    prev: L({ conditions: [c("arr", "gt", 100_000)] }),
    m: "of them, which have churn risk above 40%",
    plan: L({ conditions: [c("arr", "gt", 100_000), c("churn_risk", "gt", 40)] }),
  },
  {
    prev: L({ categories: [cat("industry", ["Manufacturing"])] }),
    m: "and only the 5 riskiest",
    plan: L({
      categories: [cat("industry", ["Manufacturing"])],
      sort: { metric: "churn_risk", dir: "desc" },
      limit: 5,
    }),
  },
];

const sortKey = (x: unknown) => JSON.stringify(x);
/** Plans compare as sets of categories and conditions (their order in the sentence does not matter). */
function canonical(p: QueryPlan | null): unknown {
  if (!p || p.kind === "lookup") return p;
  return {
    ...p,
    categories: [...p.categories]
      .map((x) => ({ ...x, values: [...x.values].sort() }))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    conditions: [...p.conditions].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  };
}

function planOf(row: Row): QueryPlan | null {
  const previous: ConversationState | null = row.prev
    ? {
        last_intent: "list_clients",
        filter: null,
        plan: row.prev,
        result_ids: [],
        focus_client_id: null,
        offered: null,
      }
    : null;
  const i = parseChatMessage(row.m, ctx(row.vp ? VP : JANE, previous));
  return i.kind === "list_clients" || i.kind === "aggregate" || i.kind === "lookup" ? i.plan : null;
}

const ALL = [...ROWS, ...FOLLOW_UPS];

describe("plan accuracy over the phrasing table", () => {
  it("has at least 150 phrasings and plans at least 95% of them exactly", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150);
    const wrong = ALL.filter((r) => sortKey(canonical(planOf(r))) !== sortKey(canonical(r.plan)));
    const accuracy = (ALL.length - wrong.length) / ALL.length;
    // The closing note quotes this line.
    console.info(`plan accuracy: ${ALL.length - wrong.length}/${ALL.length} (${(accuracy * 100).toFixed(1)}%)`);
    for (const r of wrong)
      console.info(
        `  MISS "${r.m}"\n    got      ${sortKey(canonical(planOf(r)))}\n    expected ${sortKey(canonical(r.plan))}`,
      );
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it.each(ROWS.filter((r) => r.issue).map((r) => [r.m, r] as const))("issue example: %s", (_m, r) => {
    expect(canonical(planOf(r))).toEqual(canonical(r.plan));
  });
});

describe("what it cannot plan it says, with the nearest question", () => {
  it.each(["which clients have the most support tickets", "clients with NPS below 20", "which customers are unhappy"])(
    "%s",
    (m) => {
      const i = parseChatMessage(m, ctx());
      expect(i.kind).toBe("cannot_plan");
      expect(i.kind === "cannot_plan" && i.nearest).toMatch(/\?$/);
    },
  );
});
