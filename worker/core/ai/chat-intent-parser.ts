import { type ChatFilter, filtersIn, hasFilter, industryWords, type Period, periodIn } from "./chat-filters";
import { correctTypos, findNamesInText, type NamedThing, tokens } from "./fuzzy-text";
import { hasWhere, mergePlans, readPlan } from "./plan-parser";
import type { AggregatePlan, ListPlan, LookupPlan } from "./query-plan";
import { emptyListPlan } from "./query-plan";

// The local intent parser: what a chat message asks for, read deterministically. It is the
// whole chat when Workers AI is not bound, and the fallback when it fails. The PRD's intents
// (at-risk, client status, health drivers, upsell, comparison, "what did I do") and free
// filters; follow-ups resolve "it", "them", "the second one", "yes" from the conversation.

export type ClientRef = NamedThing;

export type IntentKind = ChatIntent["kind"];

export type ChatIntent =
  | { kind: "list_clients"; preset: "at_risk" | "filter"; plan: ListPlan }
  | { kind: "aggregate"; plan: AggregatePlan }
  | { kind: "lookup"; plan: LookupPlan }
  | { kind: "cannot_plan"; what: string; nearest: string }
  | { kind: "expansion"; filter: ChatFilter; client: ClientRef | null }
  | { kind: "client_status"; client: ClientRef }
  | { kind: "health_drivers"; client: ClientRef }
  | { kind: "compare"; client: ClientRef }
  | { kind: "my_activity"; period: Period }
  | { kind: "email_draft"; clients: ClientRef[] }
  | { kind: "help" }
  | { kind: "clarify"; question: string; options: ClientRef[] }
  | { kind: "unknown" };

/** What a conversation remembers between messages. */
export interface ConversationState {
  last_intent: IntentKind | null;
  /** The expansion question's filters (its own, older form). */
  filter: ChatFilter | null;
  /** The last list's plan, which a follow-up narrows. */
  plan?: ListPlan | null;
  /** The clients of the last answer, in the order shown. */
  result_ids: string[];
  /** The client the conversation is about, if one. */
  focus_client_id: string | null;
  /** What the last answer offered to do next ("Would you like me to draft…?"). */
  offered: "email_drafts" | null;
}

export interface ParseContext {
  today: string;
  /** Clients the user may see. */
  clients: ClientRef[];
  csms: ClientRef[];
  industries: string[];
  regions?: string[];
  /** Contact names of the user's clients, for "when did we last talk to …". */
  contacts?: ClientRef[];
  me: ClientRef;
  previous: ConversationState | null;
  /** The client whose page the chat was opened on. */
  pageClientId: string | null;
}

/** The words the parser itself understands: typos are corrected towards these. */
const KEYWORDS = new Set(
  `show list find give which what who whose why how is are was were the a an me my our i we with for of in on to and or only just all any
  clients client accounts account customers customer portfolio book renewals renewal renewing renew renews
  risk risky trouble churn churning critical healthy unhealthy struggling attention worried worry danger red green yellow watch monitor
  health score scores dropping dropped drop fell falling declined declining decline decreased decreasing down lost slipping points point
  whats hows going happening status update summary summarize summarise overview tell about brief catch doing
  cause causing driving drivers driver reasons reason explain behind wrong happened
  compare compared comparison benchmark benchmarks similar peers peer cohort versus against stack relative
  upsell upselling expansion expand expanding grow growth upgrade opportunities opportunity ready seats licenses modules signals cross sell
  did done activity activities calls meetings emails logged last week month quarter year days today yesterday this next past previous coming
  draft write compose prepare email outreach message note follow
  help hello thanks thank please yes yeah sure okay
  over above under below more than less least most top biggest largest highest lowest enterprise professional starter custom arr revenue
  it its they them their these those this that one ones first second third fourth fifth each every some many much very
  can you do does have has had be been there here when where should would could will not no up out at by from as if so then
  get got need needs want like look see know talk talked speak spoke meet met call called work worked since ago new soon
  weeks months days quarters years ready candidates
  contacted contact talk spoken spoke reached touched heard emailed engaged logged login logins log signed sign inactive neglected dark untouched
  average avg mean total sum count number how many expected predicted projected forecast anticipated estimated likely rate lose losing
  csm csms manager managers owner owners tier tiers industry industries region regions band bands status sector sectors
  riskiest biggest largest healthiest unhealthiest smallest lowest highest worst best soonest longest least fewest
  annual recurring value adoption feature between excluding except outside non besides without not aren isn haven hasn didn never nobody
  ones those dropped improved increased rose grew gained worsened per now mine might could will going leave expect than then whose
  one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty sixty ninety dozen`
    .split(/\s+/)
    .filter(Boolean),
);

const CLIENT_WORDS = /\b(?:clients?|accounts?|customers?|portfolio|renewals?|renewing|companies)\b/;
const HELP =
  /^(?:help|hi|hello|hey)\b|\bwhat can you (?:do|answer|help)|\bwhat (?:do|can) you know\b|\bhow do(?:es)? (?:this|it|you) work\b|\bcapabilit|\bwhat should i ask\b|\bwhat can i ask\b/;
const AFFIRM = /^(?:yes|yeah|yep|yup|sure|ok|okay|please|please do|go ahead|do it|sounds good)\b/;
const EMAIL =
  /\b(?:draft|write|compose|prepare)\b.*\b(?:emails?|e mails?|mails?|messages?|notes?|outreach|follow ups?)\b|\b(?:emails?|outreach|follow up) (?:to|for)\b|\bdraft\b/;
const ACTIVITY =
  /\bwhat (?:did|have) (?:i|we)\b|\bmy (?:recent )?(?:activity|activities|calls|meetings|emails|touchpoints|work)\b|\bwho did i\b|\bactivity (?:summary|recap|report)\b|\bwhat i (?:did|have done)\b|\bi (?:logged|did|had)\b/;
const DRIVERS =
  /\bwhy\b|\bcaus(?:e|es|ing)\b|\bdriv(?:ing|ers?)\b|\bbehind\b|\breasons?\b|\bexplain\b|\broot cause\b|\bwhat(?: s|s)? wrong\b|\bwhat(?: s|s)? (?:happened|went wrong)\b/;
const COMPARE =
  /\bcompar|\bbenchmark|\bsimilar\b|\bpeers?\b|\bcohort\b|\bstacks? up\b|\bversus\b|\bvs\b|\brelative to\b/;
const EXPANSION =
  /\bupsell|\bup sell\b|\bexpan(?:d|sion|ding)\b|\bcross sell\b|\bupgrade|\bready (?:for|to) (?:grow|buy|expand|more)\b|\bgrowth (?:opportunit|potential|signals?)|\bmore (?:licenses|seats|modules|users)\b|\badd ons?\b|\bwhite ?space\b/;
const AT_RISK =
  /\bat risk\b|\brisky\b|\bin trouble\b|\bchurn|\bneed(?:s|ing)? (?:attention|help)\b|\bcritical\b|\bstruggling\b|\bunhealthy\b|\bwho should i (?:call|worry|focus)|\bworr(?:y|ied)\b|\bdanger\b/;
const STATUS =
  /\bwhat(?: s|s)? (?:going on|happening|up|new) with\b|\bhow (?:is|s|are)\b|\bstatus\b|\btell me about\b|\bupdate on\b|\bsummar|\boverview\b|\bbrief me\b|\bcatch me up\b|\bprep\b/;
const REFINE =
  /^(?:only|just|and|but|of (?:those|them|these)|which of (?:those|them|these)|among (?:those|them|these)|now|narrow|filter)\b/;
const WHAT_ABOUT = /^(?:what|how) about\b|^and\b/;
const PRONOUN =
  /\b(?:it|its|that client|this client|this one|that one|the client|this account|that account|them|they|their)\b/;
const ALL_OF_THEM = /\b(?:them|these|those|each|all of them|every one|these clients|those clients)\b/;
const ORDINALS: Record<string, number> = {
  first: 0,
  "1st": 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
  fourth: 3,
  "4th": 3,
  fifth: 4,
  "5th": 4,
};

export const CAPABILITIES = [
  "Show me at-risk clients",
  "Which of my clients have not been contacted in 60 days?",
  "Which enterprise accounts of mine are not healthy?",
  "Top 5 clients by annual revenue",
  "Which CSM has the most ARR at risk?",
  "What is our predicted churn rate next quarter?",
  "When did we last talk to Sarah Chen?",
  "Clients whose health dropped more than 10 points this month",
  "Renewals in the next 60 days over $50K",
  "What's going on with Acme Corporation?",
  "Why is Acme's health score dropping?",
  "Which clients are ready for upsell?",
  "How does Acme compare to similar clients?",
  "What did I do with clients last week?",
  "Draft an email for Acme Corporation",
];

export function parseChatMessage(message: string, ctx: ParseContext): ChatIntent {
  const vocabulary = new Set([
    ...KEYWORDS,
    ...ctx.clients.flatMap((c) => tokens(c.name)),
    ...ctx.csms.flatMap((c) => tokens(c.name)),
    ...industryWords(ctx.industries).flatMap(tokens),
  ]);
  const words = correctTypos(tokens(message), vocabulary);
  const t = words.join(" ");
  if (!t) return { kind: "unknown" };
  const prev = ctx.previous;
  const byId = new Map(ctx.clients.map((c) => [c.id, c]));
  const { filter, ambiguousCsm } = filtersIn(t, ctx.today, ctx);

  if (AFFIRM.test(t) && prev?.offered === "email_drafts" && !EMAIL.test(t.replace(AFFIRM, ""))) {
    return {
      kind: "email_draft",
      clients: prev.result_ids
        .slice(0, 5)
        .map((id) => byId.get(id))
        .filter((c): c is ClientRef => Boolean(c)),
    };
  }
  if (HELP.test(t)) return { kind: "help" };
  const reading = readPlan(t, words, {
    today: ctx.today,
    csms: ctx.csms,
    me: ctx.me,
    industries: ctx.industries,
    regions: ctx.regions ?? [],
    contacts: ctx.contacts ?? [],
    clients: ctx.clients,
    ordinary: KEYWORDS,
  });
  if (reading.kind === "plan" && reading.plan.kind === "lookup") return { kind: "lookup", plan: reading.plan };

  const mention = clientMentioned(words, ctx.clients);
  if (mention.kind === "ambiguous")
    return { kind: "clarify", question: `Which client do you mean?`, options: mention.options };
  const referenced = mention.kind === "one" ? null : referencedClient(t, prev, byId);
  const named = mention.kind === "one" ? mention.client : referenced;
  const fallbackClient =
    named ??
    (ctx.pageClientId ? (byId.get(ctx.pageClientId) ?? null) : null) ??
    (prev?.focus_client_id ? (byId.get(prev.focus_client_id) ?? null) : null);

  if (EMAIL.test(t)) {
    if (mention.kind !== "one" && ALL_OF_THEM.test(t) && prev?.result_ids.length) {
      return {
        kind: "email_draft",
        clients: prev.result_ids
          .slice(0, 5)
          .map((id) => byId.get(id))
          .filter((c): c is ClientRef => Boolean(c)),
      };
    }
    if (fallbackClient) return { kind: "email_draft", clients: [fallbackClient] };
    return {
      kind: "clarify",
      question: "Which client should the email go to?",
      options: (prev?.result_ids ?? [])
        .slice(0, 5)
        .map((id) => byId.get(id))
        .filter((c): c is ClientRef => Boolean(c)),
    };
  }
  if (ACTIVITY.test(t) && !named)
    return {
      kind: "my_activity",
      period: periodIn(t, ctx.today, "calendar") ?? periodIn("last 7 days", ctx.today, "trailing")!,
    };
  if (reading.kind === "plan" && reading.plan.kind === "aggregate" && !named) {
    if (reading.ambiguousCsm?.length)
      return {
        kind: "clarify",
        question: `Which CSM do you mean: ${reading.ambiguousCsm.map((c) => c.name).join(" or ")}?`,
        options: [],
      };
    return { kind: "aggregate", plan: reading.plan };
  }

  // "What about Beta?" repeats the last client question for another client.
  if (
    WHAT_ABOUT.test(t) &&
    named &&
    prev &&
    ["client_status", "health_drivers", "compare"].includes(prev.last_intent ?? "") &&
    !DRIVERS.test(t) &&
    !COMPARE.test(t)
  ) {
    return { kind: prev.last_intent as "client_status" | "health_drivers" | "compare", client: named };
  }
  const clientQuestion = (kind: "health_drivers" | "compare" | "client_status"): ChatIntent =>
    fallbackClient
      ? { kind, client: fallbackClient }
      : { kind: "clarify", question: "Which client do you mean?", options: [] };
  if (DRIVERS.test(t) && (named || !hasFilter(filter) || /\bhealth\b/.test(t))) {
    if (named || fallbackClient || !AT_RISK.test(t)) return clientQuestion("health_drivers");
  }
  if (COMPARE.test(t) && (named || !CLIENT_WORDS.test(t))) return clientQuestion("compare");
  if (EXPANSION.test(t)) return { kind: "expansion", filter, client: named };

  const list = reading.kind === "plan" && reading.plan.kind === "list" ? reading.plan : null;
  if (ambiguousCsm.length || (list && reading.ambiguousCsm?.length))
    return {
      kind: "clarify",
      question: `Which CSM do you mean: ${(ambiguousCsm.length ? ambiguousCsm : reading.ambiguousCsm!).map((c) => c.name).join(" or ")}?`,
      options: [],
    };
  const refine =
    REFINE.test(t) || (WHAT_ABOUT.test(t) && !named) || /\b(?:of (?:those|them|these)|those|these|them)\b/.test(t);
  if (refine && prev?.plan && prev.last_intent === "list_clients" && list)
    return { kind: "list_clients", preset: "filter", plan: mergePlans(prev.plan, list) };
  if (refine && prev?.filter && prev.last_intent === "expansion" && hasFilter(filter))
    return { kind: "expansion", filter: mergeFilters(prev.filter, filter), client: null };
  if (list && !named && (hasWhere(list) || list.sort || list.limit))
    return { kind: "list_clients", preset: reading.kind === "plan" ? reading.preset : "filter", plan: list };
  if (named && (STATUS.test(t) || mention.kind === "one")) return { kind: "client_status", client: named };
  if (STATUS.test(t) && fallbackClient && PRONOUN.test(t)) return { kind: "client_status", client: fallbackClient };
  if (reading.kind === "cannot") return { kind: "cannot_plan", what: reading.what, nearest: reading.nearest };
  if (CLIENT_WORDS.test(t) && /\b(?:show|list|all|my|give)\b/.test(t))
    return { kind: "list_clients", preset: "filter", plan: emptyListPlan() };
  return { kind: "unknown" };
}

/** A client named in free text (a tool argument, say), with the same tolerance as a message. */
export function resolveClientName(text: string, clients: ClientRef[]): Mention {
  return clientMentioned(tokens(text), clients);
}

export type Mention =
  { kind: "none" } | { kind: "one"; client: ClientRef } | { kind: "ambiguous"; options: ClientRef[] };

/** The client the message names, if it names exactly one; several equally good matches are ambiguous. */
function clientMentioned(words: string[], clients: ClientRef[]): Mention {
  const matches = findNamesInText(words, clients, KEYWORDS);
  if (matches.length === 0) return { kind: "none" };
  const top = matches.filter((m) => m.matched === matches[0].matched && m.complete === matches[0].complete);
  if (top.length === 1) return { kind: "one", client: top[0].item };
  return { kind: "ambiguous", options: top.slice(0, 8).map((m) => m.item) };
}

/** "the second one", "#2", "it", "that client": a client from the conversation. */
function referencedClient(t: string, prev: ConversationState | null, byId: Map<string, ClientRef>): ClientRef | null {
  if (!prev) return null;
  const ord = t.match(
    /\b(?:the\s+)?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:one|client|account)\b|\bthe (first|second|third|fourth|fifth|last)\b|#\s?(\d)\b|\bnumber (\d)\b/,
  );
  if (ord) {
    const word = ord[1] ?? ord[2];
    const index = word === "last" ? prev.result_ids.length - 1 : word ? ORDINALS[word] : Number(ord[3] ?? ord[4]) - 1;
    const id = prev.result_ids[index];
    if (id) return byId.get(id) ?? null;
  }
  if (PRONOUN.test(t)) {
    const id = prev.focus_client_id ?? (prev.result_ids.length === 1 ? prev.result_ids[0] : null);
    if (id) return byId.get(id) ?? null;
  }
  return null;
}

/** A follow-up narrows the previous list: what it sets wins, the rest is kept. */
export function mergeFilters(a: ChatFilter, b: ChatFilter): ChatFilter {
  return {
    health_status: b.health_status.length ? b.health_status : a.health_status,
    tiers: b.tiers.length ? b.tiers : a.tiers,
    industries: b.industries.length ? b.industries : a.industries,
    csm: b.csm ?? a.csm,
    health_drop: b.health_drop ?? a.health_drop,
    renewal_within_days: b.renewal_within_days ?? a.renewal_within_days,
    arr_min: b.arr_min ?? a.arr_min,
    arr_max: b.arr_max ?? a.arr_max,
    churn_min: b.churn_min ?? a.churn_min,
    limit: b.limit ?? a.limit,
    sort: b.sort !== "priority" ? b.sort : a.sort,
  };
}
