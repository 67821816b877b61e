import * as v from "valibot";

// Bodies of the queue messages the Worker sends itself. Validated on receipt (jobs/messages.ts):
// the queue is a trust boundary too.

export const RECALC_CHUNK_SIZE = 100;

export const RecalcMessageSchema = v.strictObject({
  kind: v.literal("recalculate"),
  client_ids: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
    v.minLength(1),
    v.maxLength(RECALC_CHUNK_SIZE),
  ),
  reason: v.picklist(["hourly", "ingest", "manual"]),
});
export type RecalcMessage = v.InferOutput<typeof RecalcMessageSchema>;

// Accepted platform events on their way to the fold (already validated and resolved by the API).
export const EventsMessageSchema = v.strictObject({
  kind: v.literal("events"),
  events: v.pipe(
    v.array(
      v.looseObject({
        event_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
        client_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
        type: v.string(),
        occurred_at: v.pipe(v.string(), v.isoTimestamp()),
      }),
    ),
    v.minLength(1),
    v.maxLength(100),
  ),
});
