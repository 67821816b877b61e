import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { clients } from "../../db/schema";
import { RECALC_CHUNK_SIZE, type RecalcMessage } from "../../jobs/messages";
import type { AppContext } from "../../request-context";

/** Enqueue every active client for recalculation, in chunks (hourly cron, or after a formula change). */
export async function enqueueRecalculation(env: Env, reason: RecalcMessage["reason"]): Promise<number> {
  const db = getDb(env.DB);
  const rows = await db.select({ id: clients.id }).from(clients).where(eq(clients.account_status, "ACTIVE")).orderBy(clients.id);
  const messages: { body: RecalcMessage }[] = [];
  for (let i = 0; i < rows.length; i += RECALC_CHUNK_SIZE) {
    messages.push({ body: { kind: "recalculate", reason, client_ids: rows.slice(i, i + RECALC_CHUNK_SIZE).map((r) => r.id) } });
  }
  // sendBatch takes at most 100 messages per call.
  for (let i = 0; i < messages.length; i += 100) await env.RECALC_QUEUE.sendBatch(messages.slice(i, i + 100));
  return rows.length;
}

/**
 * The follow-up of a new health-score formula: the whole portfolio is re-scored with it, after
 * the answer (the queue does the work; a failure to enqueue is reported, and the hourly cron
 * re-scores everything anyway).
 */
export function rescorePortfolio(ctx: AppContext): void {
  ctx.defer(enqueueRecalculation(ctx.env, "manual"), "follow-up:rescore-portfolio");
}
