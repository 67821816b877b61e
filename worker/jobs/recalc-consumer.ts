import { getDb } from "../db/client";
import { rankAdoptionPercentiles, recalculateClients } from "../services/health";
import { dispatchAlertsOrLeaveForCron, queueCrmPushesOrLog } from "./events-consumer";
import { parseMessageOrDrop, RecalcMessageSchema } from "./messages";

/**
 * Queue consumer: recalculates each message's clients. A malformed message is acknowledged and
 * logged (retrying cannot fix it); a failure is retried, up to max_retries, then dead-lettered.
 */
export async function consumeRecalcBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  let recalculated = 0;
  for (const message of batch.messages) {
    const body = parseMessageOrDrop(message, RecalcMessageSchema, "recalculation");
    if (!body) continue;
    try {
      // Percentiles rank the whole tier cohort, as costly for one message as for all: once below.
      await recalculateClients(db, body.client_ids, new Date(), { rankPercentiles: false });
      await queueCrmPushesOrLog(env, db, body.client_ids);
      message.ack();
      recalculated += 1;
    } catch (err) {
      console.error("Recalculation failed; will retry", message.id, err);
      message.retry();
    }
  }
  if (recalculated) await rankAdoptionPercentiles(db);
  await dispatchAlertsOrLeaveForCron(env, db);
}
