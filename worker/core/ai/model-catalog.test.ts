/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

// The deployed configuration itself, as text.
import toml from "../../../wrangler.toml?raw";
import { aiModelConfig, CATALOG, checkModel, readChatOutput, RETIRED_MODELS } from "./model-catalog";

describe("model ids in configuration", () => {
  it("every AI_*_MODEL in wrangler.toml (production and local) is a current catalog model", () => {
    const ids = [...toml.matchAll(/^AI_(?:TEXT|CHAT)_MODEL\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
    expect(ids.length).toBe(4);
    for (const id of ids) {
      expect(RETIRED_MODELS).not.toContain(id);
      expect(checkModel(id, { tools: true })).toMatchObject({ ok: true });
    }
  });
  it("defaults to catalog models, and refuses retired and unknown ids", () => {
    const d = aiModelConfig({});
    expect(CATALOG.map((m) => m.id)).toEqual(expect.arrayContaining([d.text, d.chat]));
    expect(checkModel("@hf/nousresearch/hermes-2-pro-mistral-7b", { tools: true })).toEqual({
      ok: false,
      id: "@hf/nousresearch/hermes-2-pro-mistral-7b",
      reason: "retired",
    });
    expect(checkModel("@cf/acme/imaginary", { tools: false })).toMatchObject({ ok: false, reason: "unknown" });
  });
  it("reads Chat Completions answers and refuses other shapes", () => {
    expect(
      readChatOutput({
        choices: [{ message: { content: " hi ", tool_calls: [] } }],
        usage: { prompt_tokens: 3, completion_tokens: 1 },
      }),
    ).toEqual({ text: "hi", toolCall: null, tokens: { input: 3, output: 1 } });
    expect(() => readChatOutput({ response: "legacy shape" })).toThrow(/no choices/);
  });
});
