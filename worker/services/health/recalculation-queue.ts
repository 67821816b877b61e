import { getDb } from "#worker/db/client";
import { activeClientIds } from "#worker/db/queries/clients";
import { RECALC_CHUNK_SIZE, type RecalcMessage } from "#worker/jobs/messages";
import type { AppContext } from "#worker/request-context";

/** Enqueue every active client for recalculation, in chunks (hourly cron, or after a formula change). */
export async function enqueueRecalculation(env: Env, reason: RecalcMessage["reason"]): Promise<number> {
  const db = getDb(env.DB);
  const ids = await activeClientIds(db);
  const messages: { body: RecalcMessage }[] = [];
  for (let i = 0; i < ids.length; i += RECALC_CHUNK_SIZE) {
    messages.push({ body: { kind: "recalculate", reason, client_ids: ids.slice(i, i + RECALC_CHUNK_SIZE) } });
  }
  // sendBatch takes at most 100 messages per call.
  for (let i = 0; i < messages.length; i += 100) await env.RECALC_QUEUE.sendBatch(messages.slice(i, i + 100));
  return ids.length;
}

/**
 * The follow-up of a new health-score formula: the whole portfolio is re-scored with it, after
 * the answer (the queue does the work; a failure to enqueue is reported, and the hourly cron
 * re-scores everything anyway).
 */
export function rescorePortfolio(ctx: AppContext): void {
  ctx.defer(enqueueRecalculation(ctx.env, "manual"), "follow-up:rescore-portfolio");
}
