import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { CATALOG, RETIRED_MODELS } from "#worker/core/ai/model-catalog";
import { getDb } from "#worker/db/client";
import { findUserByEmail } from "#worker/db/queries/users";
import { CHAT_TOOLS, chooseTool, phraseAnswer } from "#worker/services/ai/chat-workers-ai";
import { aiFeatureHealth } from "#worker/services/ai/feature-health";
import { generateText } from "#worker/services/ai/provider";

import { fakeWorkersAi, type Json, textReply, toolReply } from "./fakes/fake-workers-ai";
import { acmeId, asUser, asUserDirect, JANE, PAGE, rows, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// Models that exist, checked (issue 18): the configured ids are current catalog models; each
// catalog model's request and response shapes are exercised against recorded answers in its
// documented format; and a model the binding does not serve ("model not found") shows on the
// AI health endpoint and page within the same minute.

beforeAll(trainChurnModelByCron);

describe("configured models", () => {
  it("are current catalog models with tool calling for chat, never retired ones", () => {
    for (const id of [env.AI_TEXT_MODEL, env.AI_CHAT_MODEL]) {
      expect(RETIRED_MODELS).not.toContain(id);
      expect(CATALOG.map((m) => m.id)).toContain(id);
    }
    expect(CATALOG.find((m) => m.id === env.AI_CHAT_MODEL)!.tool_calling).toBe(true);
  });
});

describe.each(CATALOG.map((m) => [m.id] as const))(
  "contract: %s (recorded responses in its documented shape)",
  (model) => {
    it("text generation: Chat Completions request in, choices[0].message.content out", async () => {
      const jane = (await findUserByEmail(getDb(env.DB), JANE))!;
      const ai = fakeWorkersAi([textReply("Acme needs a call this week.", model, [321, 9])], {
        [model]: "chat-completions",
      });
      const out = await generateText({ AI: ai.AI, AI_TEXT_MODEL: model }, getDb(env.DB), jane, {
        purpose: "actions",
        clientId: null,
        instructions: "Suggest actions.",
        facts: { health: 58 },
        local: () => "local",
      });
      expect(out).toMatchObject({ text: "Acme needs a call this week.", provider: "workers-ai", model, note: null });
      const req = ai.calls[0].input;
      expect(Object.keys(req).sort()).toEqual(["max_completion_tokens", "messages"]);
      expect(req.messages.map((m: Json) => m.role)).toEqual(["system", "user"]);
      expect(
        (
          await rows(
            "SELECT input_tokens, output_tokens, used_fallback FROM ai_interactions WHERE id = ?",
            out.interaction_id,
          )
        )[0],
      ).toEqual({ input_tokens: 321, output_tokens: 9, used_fallback: 0 });
    });

    it("tool calling: tools as {type: function}, tool_calls[].function.arguments as a JSON string, and the tool round trip", async () => {
      const args = { kind: "aggregate", measure: "arr_at_risk", group_by: "csm", order: "desc", limit: 1 };
      const ai = fakeWorkersAi(
        [toolReply("query_portfolio", args, model), textReply("John Doe has the most ARR at risk.", model)],
        { [model]: "chat-completions" },
      );
      const chosen = await chooseTool(ai.AI, model, [], "Which CSM has the most ARR at risk?", "2026-12-05");
      expect(chosen.call).toMatchObject({ name: "query_portfolio", id: expect.stringMatching(/^call_/) });
      expect(JSON.parse(chosen.call!.arguments as string)).toEqual(args);
      const req = ai.calls[0].input;
      expect(req.tools).toHaveLength(CHAT_TOOLS.length);
      expect(req.tools[0]).toMatchObject({
        type: "function",
        function: { name: "query_portfolio", parameters: { type: "object" } },
      });
      expect(req.tool_choice).toBe("auto");
      const phrased = await phraseAnswer(ai.AI, model, "Which CSM has the most ARR at risk?", chosen.call!, {
        answer: "John Doe has the highest ARR at risk",
        results: [],
      });
      expect(phrased.text).toBe("John Doe has the most ARR at risk.");
      const round = ai.calls[1].input.messages;
      expect(round[2]).toMatchObject({
        role: "assistant",
        content: null,
        tool_calls: [{ id: chosen.call!.id, type: "function", function: { name: "query_portfolio" } }],
      });
      expect(round[3]).toMatchObject({ role: "tool", tool_call_id: chosen.call!.id });
    });
  },
);

describe("the fake binding behaves like Workers AI", () => {
  it("refuses retired and unknown ids with model not found, and malformed requests", async () => {
    const ai = fakeWorkersAi([textReply("never")]);
    for (const id of [...RETIRED_MODELS, "@cf/nobody/no-such-model"])
      await expect(
        ai.AI.run(id as keyof AiModels, { messages: [{ role: "user", content: "hi" }] } as never),
      ).rejects.toThrow(/model not found/);
    // The retired models' legacy tool format is not the Chat Completions one.
    await expect(
      ai.AI.run(
        env.AI_CHAT_MODEL as keyof AiModels,
        { messages: [{ role: "user", content: "hi" }], tools: [{ name: "x", parameters: {} }] } as never,
      ),
    ).rejects.toThrow(/invalid input/);
  });
});

describe("AI health: a failing model is visible, not silent", () => {
  it("shows 'model not found' on GET /system/ai and /admin/ai-health when the binding refuses the model", async () => {
    // The binding serves nothing (as when Cloudflare retires the configured model).
    const ai = fakeWorkersAi([], {});
    const withAi = { ...env, AI: ai.AI } as Env;
    const id = await acmeId();
    const summary = await asUserDirect(JANE, `/clients/${id}/ai/summary`, { method: "POST" }, withAi);
    expect(summary.status).toBe(200);
    expect(await summary.json<Json>()).toMatchObject({
      provider: "local",
      note: expect.stringMatching(/model not found/),
    });
    expect(ai.calls.map((c) => c.model)).toEqual([env.AI_TEXT_MODEL]);

    const res = await asUserDirect(VP, "/system/ai", {}, withAi);
    expect(res.status).toBe(200);
    const health = await res.json<Json>();
    const feature = health.features.find((f: Json) => f.feature === "summary");
    expect(feature).toMatchObject({
      status: "failing",
      calls_24h: 1,
      fallbacks_24h: 1,
      fallback_rate_24h: 1,
      last_success: null,
      configured_model: env.AI_TEXT_MODEL,
      last_error: { model: env.AI_TEXT_MODEL, error: expect.stringMatching(/model not found/) },
    });
    expect(health.workers_ai_bound).toBe(true);

    const page = await asUserDirect(VP, `${PAGE}/admin/ai-health`, {}, withAi);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Client summaries");
    expect(html).toMatch(/role="alert"[^>]*>[^<]*Client summaries: Workers AI is failing[^<]*model not found/);
  });

  it("counts a good call as the last success and the fallback rate over 24 hours", async () => {
    const jane = (await findUserByEmail(getDb(env.DB), JANE))!;
    const ai = fakeWorkersAi([
      textReply("Fine."),
      () => {
        throw new Error("3040: Capacity temporarily exceeded");
      },
      textReply("Fine again."),
    ]);
    const ask = () =>
      generateText({ AI: ai.AI, AI_TEXT_MODEL: env.AI_TEXT_MODEL }, getDb(env.DB), jane, {
        purpose: "briefing",
        clientId: null,
        instructions: "Brief me.",
        facts: {},
        local: () => "local",
      });
    await ask();
    await ask();
    await ask();
    const b = (await aiFeatureHealth(getDb(env.DB), new Date())).features.find((f) => f.feature === "briefing")!;
    expect(b).toMatchObject({
      calls_24h: 3,
      fallbacks_24h: 1,
      fallback_rate_24h: 0.333,
      status: "degraded",
      last_success: { model: env.AI_TEXT_MODEL },
      last_error: { error: "3040: Capacity temporarily exceeded" },
    });
    // A day later the window is empty but the last success and error are still shown.
    const later = (await aiFeatureHealth(getDb(env.DB), new Date(Date.now() + 25 * 3600 * 1000))).features.find(
      (f) => f.feature === "briefing",
    )!;
    expect(later).toMatchObject({
      calls_24h: 0,
      fallback_rate_24h: null,
      status: "no_calls",
      last_success: { model: env.AI_TEXT_MODEL },
    });
  });

  it("names a retired configured model before any call, and is for admins and the VP only", async () => {
    const retired = (
      await aiFeatureHealth(getDb(env.DB), new Date(), {
        text: "@cf/meta/llama-3.1-8b-instruct",
        chat: env.AI_CHAT_MODEL,
      })
    ).features;
    expect(retired.find((f) => f.feature === "summary")).toMatchObject({
      status: "failing",
      model_known: false,
      model_problem: expect.stringMatching(/retired/),
    });
    expect(retired.find((f) => f.feature === "chat")).toMatchObject({ model_known: true });
    expect((await asUser(JANE, "/system/ai")).status).toBe(403);
    expect((await asUser("admin@ethico.test", "/system/ai")).status).toBe(200);
  });
});
