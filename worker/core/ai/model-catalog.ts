// Which Workers AI models the app may call, and how each one is spoken to. An external model id
// can be retired (18 were on 30 May 2026: developers.cloudflare.com/changelog, "Planned model
// deprecations on Workers AI", 8 May 2026), so ids live in configuration (wrangler.toml vars
// AI_TEXT_MODEL, AI_CHAT_MODEL), are checked against this catalog at startup of each call, and a
// retired or unknown id is refused before any request rather than failing silently.

export type ModelApi = "chat-completions";

export interface CatalogModel {
  id: string;
  /** Request/response shape: OpenAI Chat Completions (messages, tools as {type:"function"}, choices[0].message). */
  api: ModelApi;
  tool_calling: boolean;
  context_window: number;
  /** Where the shapes and capabilities were read. */
  source: string;
}

/**
 * Current catalog models the app is built and contract-tested against. glm-4.7-flash is the
 * changelog's recommended replacement "with multi-turn tool calling"; its model page
 * (developers.cloudflare.com/workers-ai/models/glm-4.7-flash) lists function calling: yes, a
 * 131,072-token context and the Chat Completions input (messages, tools, max_completion_tokens;
 * max_tokens deprecated).
 */
export const CATALOG: readonly CatalogModel[] = [
  {
    id: "@cf/zai-org/glm-4.7-flash",
    api: "chat-completions",
    tool_calling: true,
    context_window: 131_072,
    source: "https://developers.cloudflare.com/workers-ai/models/glm-4.7-flash/",
  },
];

/** Ids the deprecation notice retired that this app (or its earlier versions) used. */
export const RETIRED_MODELS: readonly string[] = [
  "@cf/meta/llama-3.1-8b-instruct",
  "@hf/nousresearch/hermes-2-pro-mistral-7b",
];

export const DEFAULT_TEXT_MODEL = "@cf/zai-org/glm-4.7-flash";
export const DEFAULT_CHAT_MODEL = "@cf/zai-org/glm-4.7-flash";

export type ModelCheck =
  { ok: true; model: CatalogModel } | { ok: false; id: string; reason: "retired" | "unknown" | "no_tool_calling" };

export function checkModel(id: string, needs: { tools: boolean }): ModelCheck {
  if (RETIRED_MODELS.includes(id)) return { ok: false, id, reason: "retired" };
  const model = CATALOG.find((m) => m.id === id);
  if (!model) return { ok: false, id, reason: "unknown" };
  if (needs.tools && !model.tool_calling) return { ok: false, id, reason: "no_tool_calling" };
  return { ok: true, model };
}

export function modelCheckMessage(c: Exclude<ModelCheck, { ok: true }>): string {
  return c.reason === "retired"
    ? `model ${c.id} was retired from Workers AI (deprecated 30 May 2026); set a current model`
    : c.reason === "unknown"
      ? `model ${c.id} is not in the app's Workers AI catalog`
      : `model ${c.id} does not support tool calling`;
}

export interface AiModelConfig {
  text: string;
  chat: string;
}

/** The configured model ids (wrangler.toml vars), defaulting to current catalog models. */
export function aiModelConfig(env: { AI_TEXT_MODEL?: string; AI_CHAT_MODEL?: string }): AiModelConfig {
  return {
    text: env.AI_TEXT_MODEL?.trim() || DEFAULT_TEXT_MODEL,
    chat: env.AI_CHAT_MODEL?.trim() || DEFAULT_CHAT_MODEL,
  };
}

// ---- request and response shapes (Chat Completions, as the model page documents) -------------

export interface ToolSpec {
  name: string;
  description: string;
  parameters: unknown;
}
export type ChatMessage = {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null;
  tool_calls?: unknown[];
  tool_call_id?: string;
  name?: string;
};

export function chatRequest(messages: ChatMessage[], opts: { tools?: readonly ToolSpec[]; maxTokens?: number }) {
  return {
    messages,
    ...(opts.tools
      ? {
          tools: opts.tools.map((t) => ({
            type: "function",
            function: { name: t.name, description: t.description, parameters: t.parameters },
          })),
          tool_choice: "auto",
        }
      : {}),
    ...(opts.maxTokens ? { max_completion_tokens: opts.maxTokens } : {}),
  };
}

export interface ReadOutput {
  text: string;
  toolCall: { id: string | null; name: string; arguments: unknown } | null;
  tokens: { input: number | null; output: number | null };
}

/** A Chat Completions answer: choices[0].message.{content, tool_calls[].function.{name, arguments}}. */
export function readChatOutput(out: unknown): ReadOutput {
  const o = (out ?? {}) as {
    choices?: {
      message?: {
        content?: string | null;
        tool_calls?: { id?: string; function?: { name?: string; arguments?: unknown } }[];
      };
    }[];
    usage?: { prompt_tokens?: number; completion_tokens?: number };
  };
  const msg = o.choices?.[0]?.message;
  if (!msg) throw new Error("unexpected Workers AI response: no choices[0].message");
  const call = msg.tool_calls?.[0];
  return {
    text: typeof msg.content === "string" ? msg.content.trim() : "",
    toolCall: call?.function?.name
      ? { id: call.id ?? null, name: call.function.name, arguments: call.function.arguments ?? {} }
      : null,
    tokens: { input: o.usage?.prompt_tokens ?? null, output: o.usage?.completion_tokens ?? null },
  };
}
