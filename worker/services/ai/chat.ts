import { clientScopeFor } from "#worker/core/access-policy";
import { type ChatIntent, parseChatMessage, type ParseContext } from "#worker/core/ai/chat-intent-parser";
import { aiModelConfig, checkModel, modelCheckMessage } from "#worker/core/ai/model-catalog";
import { isoDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { clientNamesInScope, contactNamesInScope, regionsInScope } from "#worker/db/queries/chat-search";
import {
  conversationMessages,
  findConversation,
  findOwnInteraction,
  listConversations,
  saveFeedback,
  saveTurn,
} from "#worker/db/queries/conversations";
import { type EthicoUserRow, listCsms } from "#worker/db/queries/users";
import { recordAudit } from "#worker/services/audit";
import { portfolioFacets } from "#worker/services/clients";
import { enforceRateLimit } from "#worker/services/rate-limits";

import { answerIntent } from "./chat-answers";
import { chooseTool, intentFromToolCall, phraseAnswer } from "./chat-workers-ai";
import { type AiEnv, type AiProviderName, errorText, logAiInteraction } from "./provider";

// POST /ai/chat: one turn of a stored conversation. The intent comes from Workers AI's tool
// choice when AI_CHAT_MODEL is bound, else (or when it fails) from the local parser; either way
// the app's own queries answer it, so results are always real rows.

export interface ChatInput {
  message: string;
  conversation_id?: string;
  client_id?: string;
}

/** Intents whose answer is data the model may reword; the others are the app's own fixed words. */
const REWORDED: ChatIntent["kind"][] = [
  "list_clients",
  "aggregate",
  "lookup",
  "expansion",
  "client_status",
  "health_drivers",
  "compare",
  "my_activity",
];

export async function chat(env: AiEnv, db: Db, user: EthicoUserRow, input: ChatInput, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  const started = Date.now();
  const conversation = input.conversation_id ? await findConversation(db, user.id, input.conversation_id) : null;
  if (input.conversation_id && !conversation)
    await notFoundAudited(
      db,
      user,
      "chat",
      { resourceType: "ai_conversation", key: "conversation_id", id: input.conversation_id },
      "Conversation not found",
    );
  const ctx = await parseContext(db, user, now, conversation?.state ?? null, input.client_id ?? null);
  if (input.client_id && !ctx.clients.some((c) => c.id === input.client_id))
    throw new AppError("NOT_FOUND", "Client not found", { client_id: input.client_id });

  let intent: ChatIntent | null = null;
  let provider: AiProviderName = "local";
  let model: string | null = null;
  let note: string | null = null;
  let error: string | null = null;
  let tokens = { input: null as number | null, output: null as number | null };
  const toolModel = env.AI ? aiModelConfig(env).chat : null;
  const check = toolModel ? checkModel(toolModel, { tools: true }) : null;
  let call: { id: string | null; name: string; arguments: unknown } | null = null;
  if (env.AI && toolModel && check && !check.ok) {
    // A retired or unknown id is never sent: the answer is local and the health page says why.
    model = toolModel;
    error = modelCheckMessage(check);
    note = `Workers AI is not used: ${error}; the local parser read the question.`;
  } else if (env.AI && toolModel) {
    model = toolModel;
    let stage = "answer";
    try {
      const history = conversation
        ? (await conversationMessages(db, user.id, conversation.id))
            .slice(-6)
            .map((m) => ({ role: m.role, content: m.content }))
        : [];
      const chosen = await chooseTool(env.AI, toolModel, history, input.message, ctx.today);
      tokens = chosen.tokens;
      call = chosen.call;
      stage = "plan";
      if (call) intent = intentFromToolCall(call, ctx);
      else error = "no tool call";
    } catch (err) {
      error = `${stage === "plan" ? "invalid tool call: " : ""}${errorText(err)}`;
      call = null;
    }
    if (!intent)
      note = `Workers AI ${error === "no tool call" ? "chose none of the app's questions" : stage === "plan" ? `proposed a plan that failed validation (${error})` : `did not answer (${error})`}; the local parser read the question.`;
  }
  intent ??= parseChatMessage(input.message, ctx);
  const out = await answerIntent(env, db, user, intent, now);
  let answer = out.answer;
  if (env.AI && toolModel && call && intent && REWORDED.includes(intent.kind)) {
    try {
      const phrased = await phraseAnswer(env.AI, toolModel, input.message, call, out);
      answer = phrased.text;
      provider = "workers-ai";
      tokens = {
        input: (tokens.input ?? 0) + (phrased.tokens.input ?? 0),
        output: (tokens.output ?? 0) + (phrased.tokens.output ?? 0),
      };
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      note = `Workers AI chose the question but did not word the answer (${error}); these are the local narrator's words from the same results.`;
    }
  } else if (env.AI && toolModel && call) {
    provider = "workers-ai";
  }
  const at = new Date().toISOString();
  const interactionId = await logAiInteraction(db, user, {
    purpose: "chat",
    clientId: out.state.focus_client_id,
    model,
    provider,
    error,
    prompt: `${input.message}\n\nIntent: ${JSON.stringify(intent)}`,
    response: answer,
    latency_ms: Date.now() - started,
    tokens,
  });
  const id = conversation?.id ?? crypto.randomUUID();
  await saveTurn(db, {
    conversation: {
      id,
      user_id: user.id,
      title: conversation?.title ?? input.message.slice(0, 80),
      state: out.state,
      isNew: !conversation,
    },
    user: { content: input.message, at: now.toISOString() },
    assistant: {
      content: answer,
      intent: intent.kind,
      provider,
      results: out.results,
      interaction_id: interactionId,
      at,
    },
  });
  return {
    conversation_id: id,
    answer,
    provider,
    model: provider === "workers-ai" ? model : null,
    note,
    intent: intent.kind,
    results: out.results,
    interaction_id: interactionId,
  };
}

async function parseContext(
  db: Db,
  user: EthicoUserRow,
  now: Date,
  previous: ParseContext["previous"],
  pageClientId: string | null,
): Promise<ParseContext> {
  const scope = clientScopeFor(user);
  const [clients, csms, facets, contacts, regions] = await Promise.all([
    clientNamesInScope(db, scope),
    listCsms(db),
    portfolioFacets(db, user),
    contactNamesInScope(db, scope),
    regionsInScope(db, scope),
  ]);
  return {
    today: isoDate(now),
    clients,
    csms: csms.map((c) => ({ id: c.id, name: `${c.first_name} ${c.last_name}` })),
    industries: facets.industries,
    regions,
    contacts,
    me: { id: user.id, name: `${user.first_name} ${user.last_name}` },
    previous,
    pageClientId,
  };
}

export async function userConversations(db: Db, user: EthicoUserRow) {
  return { data: await listConversations(db, user.id, 50) };
}

export async function userConversation(db: Db, user: EthicoUserRow, id: string) {
  const c = await findConversation(db, user.id, id);
  if (!c)
    return notFoundAudited(
      db,
      user,
      "read",
      { resourceType: "ai_conversation", key: "conversation_id", id },
      "Conversation not found",
    );
  return {
    id: c.id,
    title: c.title,
    created_at: c.created_at,
    updated_at: c.updated_at,
    messages: await conversationMessages(db, user.id, c.id),
  };
}

/** Thumbs on an answer the user received; a second vote replaces the first. */
export async function recordAiFeedback(
  db: Db,
  user: EthicoUserRow,
  f: { interaction_id: string; rating: "up" | "down"; comment?: string | null },
) {
  const interaction = await findOwnInteraction(db, user.id, f.interaction_id);
  if (!interaction)
    return notFoundAudited(
      db,
      user,
      "feedback",
      { resourceType: "ai_interaction", key: "interaction_id", id: f.interaction_id },
      "AI answer not found",
    );
  const at = new Date().toISOString();
  await saveFeedback(db, {
    interaction_id: interaction.id,
    user_id: user.id,
    rating: f.rating,
    comment: f.comment ?? null,
    at,
  });
  await recordAudit(db, {
    user,
    action: "feedback",
    resourceType: "ai_interaction",
    resourceId: interaction.id,
    outcome: "SUCCESS",
    details: { rating: f.rating, kind: interaction.kind },
  });
  return { interaction_id: interaction.id, rating: f.rating, comment: f.comment ?? null, updated_at: at };
}

/** Someone else's conversation or answer looks like none at all, and the attempt is on the audit trail. */
async function notFoundAudited(
  db: Db,
  user: EthicoUserRow,
  action: string,
  r: { resourceType: string; key: string; id: string },
  message: string,
): Promise<never> {
  await recordAudit(db, {
    user,
    action,
    resourceType: r.resourceType,
    resourceId: r.id,
    outcome: "NOT_FOUND",
    statusCode: 404,
  });
  throw new AppError("NOT_FOUND", message, { [r.key]: r.id });
}
