import * as v from "valibot";

import { type ChatFilter, emptyFilter } from "#worker/core/ai/chat-filters";
import { type ChatIntent, type ParseContext, resolveClientName } from "#worker/core/ai/chat-intent-parser";
import { redactContactDetails } from "#worker/core/ai/client-facts";
import { findNamesInText, tokens } from "#worker/core/ai/fuzzy-text";
import { chatRequest, readChatOutput, type ToolSpec } from "#worker/core/ai/model-catalog";
import { PLAN_TOOL_PARAMETERS, planFromToolArguments, type QueryPlan } from "#worker/core/ai/query-plan";
import { isCalendarDate } from "#worker/core/dates";
import { CONTRACT_TIERS } from "#worker/core/enums";

// Chat through Workers AI: the model only chooses which of the app's questions to ask (function
// calling over the same query services the local parser uses) and then puts the rows it got
// into words. It never answers from its own knowledge: no tool call means the local parser
// answers instead. Tool arguments are validated like any other input.

const clientProp = { client_name: { type: "string", description: "The client's name as the user wrote it" } };
const tiersProp = { type: "array", items: { type: "string", enum: [...CONTRACT_TIERS] } };

export const CHAT_TOOLS: readonly ToolSpec[] = [
  {
    name: "query_portfolio",
    description:
      "Plan a question about the user's book as one query: a list of clients (filters with negation, comparisons on health, health change over a window, churn risk, ARR, days to renewal, days since last CSM contact, days since a contact's last login, adoption; sort and top-N), an aggregate (count, ARR, ARR at risk, average health or churn risk, expected churn next quarter; optionally per CSM, tier, industry, region or health band), or a lookup of when we last talked to (or saw a login from) a contact.",
    parameters: PLAN_TOOL_PARAMETERS,
  },
  {
    name: "client_status",
    description: "What is going on with one client: health, trend, churn risk, renewal, recent contact.",
    parameters: { type: "object", properties: clientProp, required: ["client_name"] },
  },
  {
    name: "health_drivers",
    description: "Why one client's health score is changing: components that moved and churn factors.",
    parameters: { type: "object", properties: clientProp, required: ["client_name"] },
  },
  {
    name: "expansion_candidates",
    description: "Clients ready for upsell, with their expansion signals; optionally one client.",
    parameters: {
      type: "object",
      properties: { ...clientProp, tiers: tiersProp, industries: { type: "array", items: { type: "string" } } },
    },
  },
  {
    name: "compare_client",
    description: "Compare one client with similar clients (its industry cohort).",
    parameters: { type: "object", properties: clientProp, required: ["client_name"] },
  },
  {
    name: "my_activity",
    description: "The user's own logged client activities between two dates.",
    parameters: {
      type: "object",
      properties: {
        from: { type: "string", description: "YYYY-MM-DD" },
        to: { type: "string", description: "YYYY-MM-DD" },
      },
      required: ["from", "to"],
    },
  },
  {
    name: "draft_email",
    description: "Draft outreach emails for named clients.",
    parameters: {
      type: "object",
      properties: { client_names: { type: "array", items: { type: "string" } } },
      required: ["client_names"],
    },
  },
];

const ClientArgs = v.object({ client_name: v.pipe(v.string(), v.minLength(1)) });

/** A tool call as Workers AI returns it, turned into the same intent the local parser makes. */
export function intentFromToolCall(call: { name: string; arguments: unknown }, ctx: ParseContext): ChatIntent {
  const args = typeof call.arguments === "string" ? JSON.parse(call.arguments) : (call.arguments ?? {});
  const client = (name: string, kind: "client_status" | "health_drivers" | "compare"): ChatIntent => {
    const m = resolveClientName(name, ctx.clients);
    if (m.kind === "one") return { kind, client: m.client };
    return {
      kind: "clarify",
      question:
        m.kind === "ambiguous"
          ? "Which client do you mean?"
          : `I can't find a client called "${name}" in your portfolio.`,
      options: m.kind === "ambiguous" ? m.options : [],
    };
  };
  switch (call.name) {
    case "query_portfolio":
      return intentFromPlan(planFromToolArguments(args), ctx);
    case "client_status":
      return client(v.parse(ClientArgs, args).client_name, "client_status");
    case "health_drivers":
      return client(v.parse(ClientArgs, args).client_name, "health_drivers");
    case "compare_client":
      return client(v.parse(ClientArgs, args).client_name, "compare");
    case "expansion_candidates": {
      const a = v.parse(
        v.object({
          client_name: v.optional(v.string()),
          tiers: v.optional(v.array(v.picklist(CONTRACT_TIERS))),
          industries: v.optional(v.array(v.string())),
        }),
        args,
      );
      const one = a.client_name ? resolveClientName(a.client_name, ctx.clients) : null;
      return {
        kind: "expansion",
        filter: toFilter({ tiers: a.tiers, industries: a.industries }, ctx),
        client: one?.kind === "one" ? one.client : null,
      };
    }
    case "my_activity": {
      const a = v.parse(
        v.object({
          from: v.pipe(v.string(), v.check(isCalendarDate)),
          to: v.pipe(v.string(), v.check(isCalendarDate)),
        }),
        args,
      );
      return { kind: "my_activity", period: { from: a.from, to: a.to, label: `from ${a.from} to ${a.to}` } };
    }
    case "draft_email": {
      const a = v.parse(v.object({ client_names: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(5)) }), args);
      const found = a.client_names
        .map((n) => resolveClientName(n, ctx.clients))
        .flatMap((m) => (m.kind === "one" ? [m.client] : []));
      return found.length
        ? { kind: "email_draft", clients: found }
        : { kind: "clarify", question: "Which client should the email go to?", options: [] };
    }
    default:
      throw new Error(`unknown tool ${call.name}`);
  }
}

function toFilter(a: { tiers?: ChatFilter["tiers"]; industries?: string[] }, ctx: ParseContext): ChatFilter {
  const f = emptyFilter();
  f.tiers = a.tiers ?? [];
  f.industries = (a.industries ?? [])
    .map((i) => ctx.industries.find((x) => x.toLowerCase() === i.toLowerCase()))
    .filter((i): i is string => Boolean(i));
  return f;
}

/** A validated plan from the model, with names resolved as the local parser resolves them (unknown ones make the call invalid). */
export function intentFromPlan(plan: QueryPlan, ctx: ParseContext): ChatIntent {
  if (plan.kind === "lookup") return { kind: "lookup", plan };
  let book = plan.book;
  if (book.csm_id || book.csm_name) {
    const byId = book.csm_id ? [...ctx.csms, ctx.me].find((c) => c.id === book.csm_id) : undefined;
    const byName =
      !byId && book.csm_name
        ? findNamesInText(tokens(book.csm_name), [...ctx.csms, ctx.me], new Set())[0]?.item
        : undefined;
    const csm = byId ?? byName;
    if (!csm) throw new Error(`unknown CSM ${book.csm_id ?? book.csm_name}`);
    book = { csm_id: csm.id, csm_name: csm.name };
  }
  const categories = plan.categories.map((c) => {
    if (c.field !== "industry" && c.field !== "region") return c;
    const known = c.field === "industry" ? ctx.industries : (ctx.regions ?? []);
    const values = c.values.map((x) => known.find((k) => k.toLowerCase() === x.toLowerCase()) ?? null);
    if (values.some((x) => x === null)) throw new Error(`unknown ${c.field} ${c.values.join(", ")}`);
    return { ...c, values: values as string[] };
  });
  if (plan.kind === "aggregate") return { kind: "aggregate", plan: { ...plan, book, categories } };
  const atRisk = categories.some(
    (c) => c.field === "health_status" && !c.negate && (c.values as string[]).includes("AT_RISK"),
  );
  return {
    kind: "list_clients",
    preset: atRisk && plan.conditions.length === 0 ? "at_risk" : "filter",
    plan: { ...plan, book, categories },
  };
}

type AiMessage = { role: "system" | "user" | "assistant" | "tool"; content: string };

const SYSTEM = (today: string) =>
  `You help a Client Success Manager query their client portfolio. Today is ${today}. Always answer by calling exactly one of the tools; never answer from your own knowledge. For questions about the book use query_portfolio: "this month" in a change question is window_days 30 unless the user says "since the 1st"; a drop is a negative health_change. If no tool fits, reply with the single word NONE.`;

/** Step 1: which tool, with which arguments. Returns a null call when the model called none. */
export async function chooseTool(ai: Ai, model: string, history: AiMessage[], message: string, today: string) {
  const out = await ai.run(
    model as keyof AiModels,
    chatRequest(
      [
        { role: "system", content: SYSTEM(today) },
        ...history,
        { role: "user", content: redactContactDetails(message) },
      ],
      { tools: CHAT_TOOLS, maxTokens: 600 },
    ) as never,
  );
  const read = readChatOutput(out);
  return { call: read.toolCall, tokens: read.tokens };
}

/** Step 2: the tool's rows put into words, with nothing added. */
export async function phraseAnswer(
  ai: Ai,
  model: string,
  message: string,
  call: { id: string | null; name: string; arguments: unknown },
  data: { answer: string; results: unknown[] },
) {
  const callId = call.id ?? "call_0";
  const out = await ai.run(
    model as keyof AiModels,
    chatRequest(
      [
        {
          role: "system",
          content:
            "Answer the user's question using only the tool result below. Start with its first sentence (the plan in words) unchanged. Mention every client or group it lists, with its figures; invent nothing. Plain text, concise.",
        },
        { role: "user", content: redactContactDetails(message) },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: callId,
              type: "function",
              function: {
                name: call.name,
                arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
              },
            },
          ],
        },
        {
          role: "tool",
          tool_call_id: callId,
          content: redactContactDetails(JSON.stringify({ summary: data.answer, results: data.results.slice(0, 10) })),
        },
      ],
      { maxTokens: 700 },
    ) as never,
  );
  const read = readChatOutput(out);
  if (!read.text) throw new Error("empty response");
  return { text: read.text, tokens: read.tokens };
}
