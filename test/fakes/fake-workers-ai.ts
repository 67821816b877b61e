// A recording fake of the Workers AI binding (`env.AI`). Workers AI has no local emulation, so
// tests run the app's AI paths against this. It behaves as the real binding does where that
// matters: it knows only the models in its catalog (a retired or unknown id is refused with the
// error the binding throws), checks each request against the model's documented input shape
// (Chat Completions: messages; tools as { type: "function", function: { name, parameters } };
// max_completion_tokens), and answers with recorded responses in the model's documented output
// shape (choices[0].message with content or tool_calls, and usage).

export type Json = Record<string, any>;

/** Models the fake serves, with the request shape each expects (developers.cloudflare.com/workers-ai/models/<name>). */
export const FAKE_CATALOG: Record<string, "chat-completions"> = {
  "@cf/zai-org/glm-4.7-flash": "chat-completions",
};

/** What the binding throws for a model id it does not serve (retired ids included). */
export const modelNotFound = (model: string) =>
  new Error(`AiError: 5007: No such model ${model} or task (model not found)`);

function checkChatCompletionsInput(input: Json): string | null {
  if (!input || typeof input !== "object") return "input must be an object";
  if (!Array.isArray(input.messages) || input.messages.length === 0) return "messages: required, a non-empty array";
  for (const [i, m] of input.messages.entries()) {
    if (!["system", "user", "assistant", "tool", "developer"].includes(m?.role))
      return `messages[${i}].role: unknown role ${m?.role}`;
    if (m.content !== null && typeof m.content !== "string" && !Array.isArray(m.content))
      return `messages[${i}].content: must be a string, an array of parts or null`;
    if (m.role === "tool" && typeof m.tool_call_id !== "string")
      return `messages[${i}].tool_call_id: required for a tool message`;
    if (m.role === "assistant" && m.tool_calls) {
      for (const c of m.tool_calls)
        if (
          c?.type !== "function" ||
          typeof c?.function?.name !== "string" ||
          typeof c?.function?.arguments !== "string"
        )
          return `messages[${i}].tool_calls: each is { id, type: "function", function: { name, arguments: string } }`;
    }
  }
  if (input.tools !== undefined) {
    if (!Array.isArray(input.tools)) return "tools: must be an array";
    for (const [i, t] of input.tools.entries()) {
      if (
        t?.type !== "function" ||
        typeof t?.function?.name !== "string" ||
        typeof t?.function?.parameters !== "object"
      )
        return `tools[${i}]: must be { type: "function", function: { name, description, parameters } }`;
    }
  }
  if (input.max_completion_tokens !== undefined && !Number.isInteger(input.max_completion_tokens))
    return "max_completion_tokens: must be an integer";
  const known = new Set([
    "messages",
    "tools",
    "tool_choice",
    "max_completion_tokens",
    "max_tokens",
    "temperature",
    "top_p",
    "stream",
    "response_format",
    "seed",
    "stop",
    "frequency_penalty",
    "presence_penalty",
  ]);
  const extra = Object.keys(input).filter((k) => !known.has(k));
  return extra.length ? `unknown input fields: ${extra.join(", ")}` : null;
}

let seq = 0;
const usage = (prompt: number, completion: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
});

/** A recorded text answer, as glm-4.7-flash returns it. */
export function textReply(content: string, model = "@cf/zai-org/glm-4.7-flash", tokens: [number, number] = [900, 40]) {
  return {
    id: `chatcmpl-${++seq}`,
    object: "chat.completion",
    created: 1764921600,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, reasoning_content: null, tool_calls: [] },
        finish_reason: "stop",
      },
    ],
    usage: usage(...tokens),
  };
}

/** A recorded tool call: `arguments` is a JSON string, as in the Chat Completions format. */
export function toolReply(
  name: string,
  args: unknown,
  model = "@cf/zai-org/glm-4.7-flash",
  tokens: [number, number] = [1500, 60],
) {
  return {
    id: `chatcmpl-${++seq}`,
    object: "chat.completion",
    created: 1764921600,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: null,
          tool_calls: [{ id: `call_${seq}`, type: "function", function: { name, arguments: JSON.stringify(args) } }],
        },
        finish_reason: "tool_calls",
      },
    ],
    usage: usage(...tokens),
  };
}

// The binding's type is Ai in the workerd tests; the Node type-check of test/fakes has no Workers
// types, so the fake is typed loosely here and the tests pass it where an Ai goes.

type AiBinding = any;

export interface FakeAi {
  AI: AiBinding;
  calls: { model: string; input: Json }[];
}

/**
 * replies[i] answers the i-th call that reached a served model (a function of the input, or a
 * value; a thrown error is the binding failing). Missing replies answer with an error, so a test
 * never passes on a call it did not expect.
 */
export function fakeWorkersAi(
  replies: (unknown | ((input: Json) => unknown))[],
  catalog: Record<string, "chat-completions"> = FAKE_CATALOG,
): FakeAi {
  const calls: { model: string; input: Json }[] = [];
  let served = 0;
  const AI = {
    run: async (model: string, input: Json) => {
      calls.push({ model, input });
      if (!(model in catalog)) throw modelNotFound(model);
      const problem = checkChatCompletionsInput(input);
      if (problem) throw new Error(`AiError: 5006: Error: invalid input for ${model}: ${problem}`);
      const reply = replies[served++];
      if (reply === undefined) throw new Error("fake Workers AI: no recorded reply left for this call");
      return typeof reply === "function" ? (reply as (i: Json) => unknown)(input) : reply;
    },
  } as AiBinding;
  return { AI, calls };
}
