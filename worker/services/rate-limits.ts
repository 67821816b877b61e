import { AppError } from "#worker/core/errors";

// Per-user limits on what is costly to serve (issue 8, part 8): AI answers (Workers AI is billed
// per token and slow) and ingestion (every batch queues folding and recalculation). The counting
// is Cloudflare's rate-limiting binding (wrangler.toml [[ratelimits]], per location and eventually
// consistent: a guard against runaway clients, not an exact quota). Without the binding there is
// no limit. The limits here must match wrangler.toml; they are said in the 429 answer.

export const RATE_LIMITS = {
  ai: { limit: 20, period_seconds: 60, what: "AI requests" },
  ingest: { limit: 600, period_seconds: 60, what: "event batches" },
} as const;
export type LimitedKind = keyof typeof RATE_LIMITS;

export type RateLimitEnv = { AI_RATE_LIMITER?: RateLimit; INGEST_RATE_LIMITER?: RateLimit };

/** Counts one request of `kind` for `key` (a user id, or the service token's name); 429 when over. */
export async function enforceRateLimit(env: RateLimitEnv, kind: LimitedKind, key: string): Promise<void> {
  const limiter = kind === "ai" ? env.AI_RATE_LIMITER : env.INGEST_RATE_LIMITER;
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `${kind}:${key}` });
  if (success) return;
  const l = RATE_LIMITS[kind];
  throw new AppError("RATE_LIMITED", `Too many ${l.what}: at most ${l.limit} a minute. Try again in a minute.`, {
    limit: l.limit,
    period_seconds: l.period_seconds,
    retry_after_seconds: l.period_seconds,
  });
}
