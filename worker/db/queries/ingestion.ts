import { sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { rawBatch, type RawRow } from "#worker/db/raw-batch";

// POST /events, before queueing: the clients the events name (by id or organization id) and
// which event ids were already ingested, in one batch with one JSON parameter per list.

export async function clientsAndSeenEvents(db: Db, refs: string[], eventIds: string[]): Promise<[RawRow[], RawRow[]]> {
  const refList = JSON.stringify(refs);
  const [clientRows, seenRows] = await rawBatch(db, [
    sql`SELECT id, organization_id FROM clients WHERE id IN (SELECT value FROM json_each(${refList})) OR organization_id IN (SELECT value FROM json_each(${refList}))`,
    sql`SELECT event_id FROM ingested_events WHERE event_id IN (SELECT value FROM json_each(${JSON.stringify(eventIds)}))`,
  ]);
  return [clientRows, seenRows];
}
