import type { CheckedEventBatch } from "#worker/core/inputs/events";
import type { Db } from "#worker/db/client";
import type { ResolvedEvent } from "#worker/db/queries/event-fold";
import { clientsAndSeenEvents } from "#worker/db/queries/ingestion";

// POST /events: check each event, resolve its client, drop repeats, hand the rest to the queue.

export const EVENTS_PER_MESSAGE = 100;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

/** Resolves and queues the batch's valid events (checked by core/inputs/events.ts). */
export async function ingestEvents(db: Db, queue: Queue, batch: CheckedEventBatch): Promise<IngestResult> {
  const { valid } = batch;
  const rejected = [...batch.rejected];

  const refs = [
    ...new Set(valid.flatMap(({ event }) => [event.client_id, event.organization_id].filter(Boolean))),
  ] as string[];
  const [clientRows, seenRows] = await clientsAndSeenEvents(
    db,
    refs,
    valid.map(({ event }) => event.event_id),
  );
  const byClientId = new Map(clientRows.map((r) => [String(r.id), String(r.id)]));
  const byOrgId = new Map(clientRows.map((r) => [String(r.organization_id), String(r.id)]));
  const seen = new Set(seenRows.map((r) => String(r.event_id)));

  let duplicates = 0;
  const accepted: ResolvedEvent[] = [];
  for (const { index, event } of valid) {
    const clientId = event.client_id ? byClientId.get(event.client_id) : byOrgId.get(event.organization_id!);
    const orgClient = event.organization_id ? byOrgId.get(event.organization_id) : undefined;
    if (!clientId) {
      rejected.push({
        index,
        reason: event.client_id
          ? `unknown client_id ${event.client_id}`
          : `unknown organization_id ${event.organization_id}`,
      });
    } else if (event.client_id && event.organization_id && orgClient !== clientId) {
      rejected.push({ index, reason: "client_id and organization_id name different clients" });
    } else if (seen.has(event.event_id)) {
      duplicates++;
    } else {
      seen.add(event.event_id);
      const { organization_id: _org, ...rest } = event;
      accepted.push({ ...rest, client_id: clientId });
    }
  }
  for (let i = 0; i < accepted.length; i += EVENTS_PER_MESSAGE) {
    await queue.send({ kind: "events", events: accepted.slice(i, i + EVENTS_PER_MESSAGE) });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: accepted.length, duplicates, rejected };
}

/** Constant-time comparison of the bearer token with the configured one (both hashed first). */
export async function isValidIngestToken(presented: string | null, expected: string | undefined): Promise<boolean> {
  if (!expected || !presented) return false;
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", enc.encode(presented)),
    crypto.subtle.digest("SHA-256", enc.encode(expected)),
  ]);
  // workerd's SubtleCrypto has timingSafeEqual; the DOM lib's type (loaded for the Remix app) does not.
  return (crypto.subtle as unknown as { timingSafeEqual(x: ArrayBuffer, y: ArrayBuffer): boolean }).timingSafeEqual(
    a,
    b,
  );
}
