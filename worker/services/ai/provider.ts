import { redactContactDetails } from "#worker/core/ai/client-facts";
import {
  aiModelConfig,
  chatRequest,
  checkModel,
  modelCheckMessage,
  readChatOutput,
} from "#worker/core/ai/model-catalog";
import type { Db } from "#worker/db/client";
import { insertAiInteraction } from "#worker/db/queries/ai-interactions";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { recordMetric } from "#worker/services/observability/metrics";
import type { RateLimitEnv } from "#worker/services/rate-limits";

// One way to ask for text: Workers AI (the `AI` binding, model from AI_TEXT_MODEL) when it is
// bound, the local narrator otherwise or when Workers AI fails. Every answer says which provider
// wrote it, and every call is logged (user, purpose, provider, model, latency, tokens when
// known) with its prompt, which holds aggregated facts only, never contact emails or phones.

export type AiProviderName = "workers-ai" | "local";

export interface AiAnswer {
  text: string;
  provider: AiProviderName;
  model: string | null;
  latency_ms: number;
  note: string | null;
  interaction_id: string;
}

export type AiPurpose =
  | "summary"
  | "actions"
  | "email_draft"
  | "meeting_notes"
  | "alert_analysis"
  | "chat"
  | "briefing"
  | "executive_narrative";

export interface AiTextRequest {
  purpose: AiPurpose;
  clientId: string | null;
  /** What the model is asked to do, in plain words. */
  instructions: string;
  /** The facts it may use (already aggregated). */
  facts: unknown;
  /** The local narrator's answer from the same facts. */
  local: () => string;
  maxTokens?: number;
}

export type AiEnv = {
  AI?: Ai;
  AI_TEXT_MODEL?: string;
  AI_CHAT_MODEL?: string;
  METRICS?: AnalyticsEngineDataset;
} & RateLimitEnv;

const SYSTEM =
  "You are a customer-success assistant for Ethico's Client Success team. Use only the facts given as JSON. Do not invent numbers, names or events. Be concise and concrete.";

/** `user` is null for the system's own calls (alert analysis during dispatch). */
export async function generateText(
  env: AiEnv,
  db: Db,
  user: EthicoUserRow | null,
  req: AiTextRequest,
  now: () => number = Date.now,
): Promise<AiAnswer> {
  const prompt = redactContactDetails(`${req.instructions}\n\nFacts:\n${JSON.stringify(req.facts)}`);
  const started = now();
  let answer: Omit<AiAnswer, "interaction_id">;
  let error: string | null = null;
  let tokens: { input: number | null; output: number | null } = { input: null, output: null };
  const model = env.AI ? aiModelConfig(env).text : null;
  const check = model ? checkModel(model, { tools: false }) : null;
  if (env.AI && model && check && !check.ok) {
    // A retired or unknown id is never sent; the local text is used and the health page shows why.
    error = modelCheckMessage(check);
    answer = {
      text: req.local(),
      provider: "local",
      model: null,
      latency_ms: now() - started,
      note: `Workers AI is not used: ${error}; this is the local narrator's text from the same facts.`,
    };
  } else if (env.AI && model) {
    try {
      const out = await env.AI.run(
        model as keyof AiModels,
        chatRequest(
          [
            { role: "system", content: SYSTEM },
            { role: "user", content: prompt },
          ],
          { maxTokens: req.maxTokens ?? 400 },
        ) as never,
      );
      const read = readChatOutput(out);
      if (!read.text) throw new Error("empty response");
      tokens = read.tokens;
      answer = { text: read.text, provider: "workers-ai", model, latency_ms: now() - started, note: null };
    } catch (err) {
      error = errorText(err);
      answer = {
        text: req.local(),
        provider: "local",
        model: null,
        latency_ms: now() - started,
        note: `Workers AI did not answer (${error}); this is the local narrator's text from the same facts.`,
      };
      // The fallback rate is an operational signal (a retired model, an outage): counted per purpose.
      await recordMetric({ db, dataset: env.METRICS }, "ai_fallback", 1, req.purpose);
    }
  } else {
    answer = { text: req.local(), provider: "local", model: null, latency_ms: now() - started, note: null };
  }
  const interaction_id = await logAiInteraction(db, user, {
    purpose: req.purpose,
    clientId: req.clientId,
    model: answer.model ?? model,
    provider: answer.provider,
    error,
    prompt,
    response: answer.text,
    latency_ms: answer.latency_ms,
    tokens,
  });
  return { ...answer, interaction_id };
}

export interface AiLogEntry {
  purpose: AiPurpose;
  clientId: string | null;
  model: string | null;
  provider: AiProviderName;
  /** Why Workers AI was not used although bound (the answer then came from the local path). */
  error: string | null;
  prompt: string;
  response: string;
  latency_ms: number;
  tokens: { input: number | null; output: number | null };
}

/** An error as one line (a ValiError lists its issues). */
export function errorText(err: unknown): string {
  const issues = (err as { issues?: { message: string; path?: { key: unknown }[] }[] })?.issues;
  if (Array.isArray(issues))
    return issues
      .slice(0, 3)
      .map((i) => `${(i.path ?? []).map((p) => String(p.key)).join(".") || "plan"}: ${i.message}`)
      .join("; ");
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

/** One row per AI answer; its id is what feedback (thumbs) refers to. */
export async function logAiInteraction(db: Db, user: EthicoUserRow | null, e: AiLogEntry): Promise<string> {
  const id = crypto.randomUUID();
  await insertAiInteraction(db, {
    id,
    at: new Date().toISOString(),
    user_id: user?.id ?? null,
    client_id: e.clientId,
    kind: e.purpose,
    model: e.model,
    provider: e.provider,
    used_fallback: e.error !== null,
    prompt: redactContactDetails(e.prompt),
    response: e.response,
    latency_ms: e.latency_ms,
    input_tokens: e.tokens.input,
    output_tokens: e.tokens.output,
    error: e.error,
  });
  return id;
}
