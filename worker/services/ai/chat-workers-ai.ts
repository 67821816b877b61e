import * as v from "valibot";
import { emptyFilter, type ChatFilter } from "../../core/ai/chat-filters";
import { resolveClientName, type ChatIntent, type ParseContext } from "../../core/ai/chat-intent";
import { redactContactDetails } from "../../core/ai/client-facts";
import { findNamesInText, tokens } from "../../core/ai/fuzzy-text";
import { addDays, isCalendarDate } from "../../core/dates";
import { CONTRACT_TIERS, HEALTH_STATUSES } from "../../core/enums";

// Chat through Workers AI: the model only chooses which of the app's questions to ask (function
// calling over the same query services the local parser uses) and then puts the rows it got
// into words. It never answers from its own knowledge: no tool call means the local parser
// answers instead. Tool arguments are validated like any other input.

const filterProps = {
  health_status: { type: "array", items: { type: "string", enum: [...HEALTH_STATUSES] }, description: "Health statuses to include" },
  tiers: { type: "array", items: { type: "string", enum: [...CONTRACT_TIERS] } },
  industries: { type: "array", items: { type: "string" } },
  csm_name: { type: "string", description: "Name of the CSM who manages the clients" },
  health_drop_min_points: { type: "number", description: "Only clients whose health score fell by more than this many points" },
  health_drop_since: { type: "string", description: "YYYY-MM-DD the drop is measured from (default 30 days ago)" },
  renewal_within_days: { type: "number" },
  arr_min: { type: "number", description: "ARR above this, in US dollars" },
  arr_max: { type: "number" },
  churn_risk_min: { type: "number", description: "Churn risk above this percentage" },
  limit: { type: "number" },
};
const clientProp = { client_name: { type: "string", description: "The client's name as the user wrote it" } };

export const CHAT_TOOLS = [
  { name: "search_clients", description: "List the user's clients matching filters (health drop, renewal window, ARR, tier, industry, CSM, churn risk).", parameters: { type: "object", properties: filterProps } },
  { name: "at_risk_clients", description: "List at-risk and critical clients, most urgent first.", parameters: { type: "object", properties: filterProps } },
  { name: "client_status", description: "What is going on with one client: health, trend, churn risk, renewal, recent contact.", parameters: { type: "object", properties: clientProp, required: ["client_name"] } },
  { name: "health_drivers", description: "Why one client's health score is changing: components that moved and churn factors.", parameters: { type: "object", properties: clientProp, required: ["client_name"] } },
  { name: "expansion_candidates", description: "Clients ready for upsell, with their expansion signals; optionally one client.", parameters: { type: "object", properties: { ...clientProp, tiers: filterProps.tiers, industries: filterProps.industries } } },
  { name: "compare_client", description: "Compare one client with similar clients (its industry cohort).", parameters: { type: "object", properties: clientProp, required: ["client_name"] } },
  { name: "my_activity", description: "The user's own logged client activities between two dates.", parameters: { type: "object", properties: { from: { type: "string", description: "YYYY-MM-DD" }, to: { type: "string", description: "YYYY-MM-DD" } }, required: ["from", "to"] } },
  { name: "draft_email", description: "Draft outreach emails for named clients.", parameters: { type: "object", properties: { client_names: { type: "array", items: { type: "string" } } }, required: ["client_names"] } },
] as const;

const num = v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)));
const FilterArgs = v.object({
  health_status: v.optional(v.array(v.picklist(HEALTH_STATUSES))),
  tiers: v.optional(v.array(v.picklist(CONTRACT_TIERS))),
  industries: v.optional(v.array(v.string())),
  csm_name: v.optional(v.string()),
  health_drop_min_points: num,
  health_drop_since: v.optional(v.pipe(v.string(), v.check(isCalendarDate))),
  renewal_within_days: num,
  arr_min: num,
  arr_max: num,
  churn_risk_min: num,
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
});
const ClientArgs = v.object({ client_name: v.pipe(v.string(), v.minLength(1)) });

/** A tool call as Workers AI returns it, turned into the same intent the local parser makes. */
export function intentFromToolCall(call: { name: string; arguments: unknown }, ctx: ParseContext): ChatIntent {
  const args = typeof call.arguments === "string" ? JSON.parse(call.arguments) : call.arguments ?? {};
  const client = (name: string, kind: "client_status" | "health_drivers" | "compare"): ChatIntent => {
    const m = resolveClientName(name, ctx.clients);
    if (m.kind === "one") return { kind, client: m.client };
    return { kind: "clarify", question: m.kind === "ambiguous" ? "Which client do you mean?" : `I can't find a client called "${name}" in your portfolio.`, options: m.kind === "ambiguous" ? m.options : [] };
  };
  switch (call.name) {
    case "search_clients":
    case "at_risk_clients": {
      const filter = toFilter(v.parse(FilterArgs, args), ctx);
      if (call.name === "at_risk_clients" && !filter.health_status.length) filter.health_status = ["AT_RISK", "CRITICAL"];
      return { kind: "list_clients", preset: call.name === "at_risk_clients" ? "at_risk" : "filter", filter };
    }
    case "client_status":
      return client(v.parse(ClientArgs, args).client_name, "client_status");
    case "health_drivers":
      return client(v.parse(ClientArgs, args).client_name, "health_drivers");
    case "compare_client":
      return client(v.parse(ClientArgs, args).client_name, "compare");
    case "expansion_candidates": {
      const a = v.parse(v.object({ client_name: v.optional(v.string()), tiers: v.optional(v.array(v.picklist(CONTRACT_TIERS))), industries: v.optional(v.array(v.string())) }), args);
      const one = a.client_name ? resolveClientName(a.client_name, ctx.clients) : null;
      return { kind: "expansion", filter: toFilter({ tiers: a.tiers, industries: a.industries }, ctx), client: one?.kind === "one" ? one.client : null };
    }
    case "my_activity": {
      const a = v.parse(v.object({ from: v.pipe(v.string(), v.check(isCalendarDate)), to: v.pipe(v.string(), v.check(isCalendarDate)) }), args);
      return { kind: "my_activity", period: { from: a.from, to: a.to, label: `from ${a.from} to ${a.to}` } };
    }
    case "draft_email": {
      const a = v.parse(v.object({ client_names: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(5)) }), args);
      const found = a.client_names.map((n) => resolveClientName(n, ctx.clients)).flatMap((m) => (m.kind === "one" ? [m.client] : []));
      return found.length ? { kind: "email_draft", clients: found } : { kind: "clarify", question: "Which client should the email go to?", options: [] };
    }
    default:
      throw new Error(`unknown tool ${call.name}`);
  }
}

function toFilter(a: v.InferOutput<typeof FilterArgs>, ctx: ParseContext): ChatFilter {
  const f = emptyFilter();
  f.health_status = a.health_status ?? [];
  f.tiers = a.tiers ?? [];
  f.industries = (a.industries ?? []).map((i) => ctx.industries.find((x) => x.toLowerCase() === i.toLowerCase())).filter((i): i is string => Boolean(i));
  if (a.csm_name) f.csm = findNamesInText(tokens(a.csm_name), ctx.csms, new Set())[0]?.item ?? null;
  if (a.health_drop_min_points !== undefined) f.health_drop = { min: a.health_drop_min_points, inclusive: false, since: a.health_drop_since ?? addDays(ctx.today, -30), label: a.health_drop_since ? `since ${a.health_drop_since}` : "the last 30 days" };
  f.renewal_within_days = a.renewal_within_days ?? null;
  f.arr_min = a.arr_min ?? null;
  f.arr_max = a.arr_max ?? null;
  f.churn_min = a.churn_risk_min ?? null;
  f.limit = a.limit ?? null;
  f.sort = f.health_drop ? "health_drop" : f.churn_min !== null ? "churn_risk" : f.renewal_within_days !== null ? "renewal_date" : "priority";
  return f;
}

type AiMessage = { role: "system" | "user" | "assistant" | "tool"; content: string; name?: string };
type AiOutput = { response?: string; tool_calls?: { name: string; arguments: unknown }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };

const SYSTEM = (today: string) =>
  `You help a Client Success Manager query their client portfolio. Today is ${today}. Always answer by calling exactly one of the tools; never answer from your own knowledge. If no tool fits, reply with the single word NONE.`;

/** Step 1: which tool, with which arguments. Returns null when the model called none. */
export async function chooseTool(ai: Ai, model: string, history: AiMessage[], message: string, today: string) {
  const out = (await ai.run(model as keyof AiModels, { messages: [{ role: "system", content: SYSTEM(today) }, ...history, { role: "user", content: redactContactDetails(message) }], tools: CHAT_TOOLS } as never)) as AiOutput;
  return { call: out?.tool_calls?.[0] ?? null, tokens: { input: out?.usage?.prompt_tokens ?? null, output: out?.usage?.completion_tokens ?? null } };
}

/** Step 2: the tool's rows put into words, with nothing added. */
export async function phraseAnswer(ai: Ai, model: string, message: string, call: { name: string; arguments: unknown }, data: { answer: string; results: unknown[] }) {
  const out = (await ai.run(model as keyof AiModels, {
    messages: [
      { role: "system", content: "Answer the user's question using only the tool result below. Mention every client it lists, with its figures; invent nothing. Plain text, concise." },
      { role: "user", content: redactContactDetails(message) },
      { role: "assistant", content: "", tool_calls: [call] },
      { role: "tool", name: call.name, content: redactContactDetails(JSON.stringify({ summary: data.answer, results: data.results.slice(0, 10) })) },
    ],
    max_tokens: 600,
  } as never)) as AiOutput;
  const text = typeof out?.response === "string" ? out.response.trim() : "";
  if (!text) throw new Error("empty response");
  return { text, tokens: { input: out?.usage?.prompt_tokens ?? null, output: out?.usage?.completion_tokens ?? null } };
}
