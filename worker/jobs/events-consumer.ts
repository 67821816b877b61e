import { getDb } from "#worker/db/client";
import { foldEvents, type ResolvedEvent } from "#worker/db/queries/event-fold";
import { dispatchAlertsOrLeaveForCron, queueCrmPushesOrLog } from "#worker/services/client-changed";
import { recalculateClients } from "#worker/services/health/recalculation";
import { log } from "#worker/services/observability/log";

import { EventsMessageSchema, parseMessageOrDrop } from "./messages";

/**
 * Folds all events of a delivered batch (up to 10 messages of 100) in one D1 transaction, then
 * recalculates the clients they touched, so scores (and the alerts built on them) follow within
 * seconds. Redelivery folds nothing twice; a failure retries the batch and, after max_retries,
 * dead-letters it. A malformed message cannot be fixed by retrying: it is logged and acknowledged.
 */
export async function consumeEventsBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = getDb(env.DB);
  const events: ResolvedEvent[] = [];
  const good: Message<unknown>[] = [];
  for (const message of batch.messages) {
    const body = parseMessageOrDrop(message, EventsMessageSchema, "events");
    if (!body) continue;
    events.push(...body.events);
    good.push(message);
  }
  if (events.length === 0) return;
  let touched: string[];
  try {
    const now = new Date();
    const { clientIds } = await foldEvents(db, events, now);
    touched = clientIds;
    if (clientIds.length > 0) await recalculateClients(db, clientIds, now);
    for (const m of good) m.ack();
  } catch (err) {
    log.error("Folding events failed; the batch will be retried", { error: err });
    for (const m of good) m.retry();
    return;
  }
  await dispatchAlertsOrLeaveForCron(env, db);
  await queueCrmPushesOrLog(env, db, touched);
}
