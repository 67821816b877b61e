import type * as v from "valibot";

import { parseMessage } from "#worker/core/inputs/parse";
import { log } from "#worker/services/observability/log";

// The queue consumers' side of the one validation path (core/inputs/parse.ts). The schemas are
// in core/inputs/queue-messages.ts; they are re-exported here for the jobs that send them.
export {
  EventsMessageSchema,
  RECALC_CHUNK_SIZE,
  type RecalcMessage,
  RecalcMessageSchema,
} from "#worker/core/inputs/queue-messages";

/**
 * A queue message's body checked against its schema. A malformed body cannot be fixed by
 * retrying, so it is logged (with the message id) and acknowledged; the caller gets null.
 */
export function parseMessageOrDrop<S extends v.GenericSchema>(
  message: Message<unknown>,
  schema: S,
  what: string,
): v.InferOutput<S> | null {
  const parsed = parseMessage(schema, message.body);
  if (parsed.ok) return parsed.value;
  log.error(`Dropping malformed ${what} message`, { message_id: message.id, issue: parsed.issue });
  message.ack();
  return null;
}
