import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { enforceRateLimit } from "#worker/services/rate-limits";

import { AE, asUser, type Json, json } from "./helpers";

// Per-user limits on AI answers and on ingestion (issue 8, part 8): the rate-limiting binding
// counts, the 21st AI request in a minute is a 429 with Retry-After and the JSON error shape, and
// another user is not held back by it.

const SALES = "vp-sales@ethico.test";

describe("rate limits", () => {
  it("answers the 21st AI request in a minute with 429, Retry-After and the JSON error, per user", async () => {
    const ask = (email: string) => asUser(email, "/ai/chat", json("POST", { message: "show me at-risk clients" }));
    for (let i = 0; i < 20; i++) expect((await ask(AE)).status, `request ${i + 1}`).toBe(200);
    const refused = await ask(AE);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.json<Json>()).toEqual({
      error: {
        code: "RATE_LIMITED",
        message: "Too many AI requests: at most 20 a minute. Try again in a minute.",
        details: { limit: 20, period_seconds: 60, retry_after_seconds: 60 },
      },
    });
    // The limit is per user: someone else still gets answers.
    expect((await ask(SALES)).status).toBe(200);
  });

  it("counts with the binding's key per kind and user, and lets everything through without a binding", async () => {
    const keys: string[] = [];
    const limiter = {
      limit: async ({ key }: { key: string }) => ({ success: (keys.push(key), keys.length <= 1) }),
    } as unknown as RateLimit;
    await enforceRateLimit({ INGEST_RATE_LIMITER: limiter }, "ingest", "platform");
    await expect(enforceRateLimit({ INGEST_RATE_LIMITER: limiter }, "ingest", "platform")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      details: { limit: 600, period_seconds: 60 },
    });
    expect(keys).toEqual(["ingest:platform", "ingest:platform"]);
    await expect(enforceRateLimit({}, "ai", "u1")).resolves.toBeUndefined();
    expect(env.AI_RATE_LIMITER).toBeDefined();
  });
});
