import * as v from "valibot";
import { getDb } from "../db/client";
import { foldEvents } from "../db/queries/event-fold";
import { recalculateClients } from "../services/health";
import { EventsMessageSchema } from "./messages";

/**
 * Folds each message's events into the usage tables, then recalculates the clients they touched
 * (so scores, and the alerts built on them, follow within seconds). Redelivery folds nothing
 * twice; a failure is retried and, after max_retries, dead-lettered.
 */
export async function consumeEventsBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    const parsed = v.safeParse(EventsMessageSchema, message.body);
    if (!parsed.success) {
      console.error("Dropping malformed events message", message.id, parsed.issues[0]?.message);
      message.ack();
      continue;
    }
    try {
      const now = new Date();
      const { clientIds } = await foldEvents(db, parsed.output.events, now);
      if (clientIds.length > 0) await recalculateClients(db, clientIds, now);
      message.ack();
    } catch (err) {
      console.error("Folding events failed; will retry", message.id, err);
      message.retry();
    }
  }
}
