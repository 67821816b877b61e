import * as v from "valibot";
import { getDb } from "../db/client";
import { recalculateClients } from "../services/health";
import { RecalcMessageSchema } from "./messages";

/**
 * Queue consumer: recalculates each message's clients. A malformed message is acknowledged and
 * logged (retrying cannot fix it); a failure is retried, up to max_retries, then dead-lettered.
 */
export async function consumeRecalcBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    const parsed = v.safeParse(RecalcMessageSchema, message.body);
    if (!parsed.success) {
      console.error("Dropping malformed recalculation message", message.id, parsed.issues[0]?.message);
      message.ack();
      continue;
    }
    try {
      await recalculateClients(db, parsed.output.client_ids, new Date());
      message.ack();
    } catch (err) {
      console.error("Recalculation failed; will retry", message.id, err);
      message.retry();
    }
  }
}
