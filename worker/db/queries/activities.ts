import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";

import type { ActivityType } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { clientActivities, clientContacts, clients, ethicoUsers } from "#worker/db/schema";

export type ActivityRow = typeof clientActivities.$inferSelect;

export async function findActivity(db: Db, id: string) {
  const [row] = await db
    .select({ activity: clientActivities, csm_user_id: clients.csm_user_id, ae_user_id: clients.ae_user_id })
    .from(clientActivities)
    .innerJoin(clients, eq(clients.id, clientActivities.client_id))
    .where(eq(clientActivities.id, id))
    .limit(1);
  return row;
}

/** Names and titles of a client's contacts, in the order asked (for the meeting summary). */
export async function contactNamesAndTitles(
  db: Db,
  clientId: string,
  ids: string[],
): Promise<{ name: string; title: string | null }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: clientContacts.id, name: clientContacts.name, title: clientContacts.title })
    .from(clientContacts)
    .where(and(eq(clientContacts.client_id, clientId), inArray(clientContacts.id, ids)));
  return ids
    .map((id) => rows.find((r) => r.id === id))
    .filter((r): r is { id: string; name: string; title: string | null } => Boolean(r))
    .map(({ name, title }) => ({ name, title }));
}

export async function activeContactIds(db: Db, clientId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: clientContacts.id })
    .from(clientContacts)
    .where(
      and(eq(clientContacts.client_id, clientId), inArray(clientContacts.id, ids), eq(clientContacts.is_active, true)),
    );
  return rows.map((r) => r.id);
}

/**
 * Insert or update an activity and, in the same transaction, recompute the client's last CSM
 * contact and its linked contacts' (before and after an edit) from the activities themselves:
 * right even when an edit moves an activity back in time or turns it into an internal discussion.
 */
/**
 * Writes an activity and what derives from it, in one batch. An update is compare-and-set on the
 * `updated_at` it was read with (`readAt`): the whole row is written, so a parallel edit must not
 * be overwritten with the values read before it; the first result's changes tell the caller.
 */
export async function saveActivity(
  db: Db,
  row: ActivityRow,
  isNew: boolean,
  previousContacts: string[] = [],
  readAt?: string,
) {
  const write = isNew
    ? db.insert(clientActivities).values(row)
    : db
        .update(clientActivities)
        .set(row)
        .where(and(eq(clientActivities.id, row.id), readAt ? eq(clientActivities.updated_at, readAt) : undefined));
  const contacts = [...new Set([...row.client_contacts, ...previousContacts])];
  const lastTouch = sql`(SELECT max(a.occurred_at) FROM client_activities a WHERE a.client_id = ${row.client_id} AND a.activity_type <> 'INTERNAL_DISCUSSION')`;
  const statements = [
    write,
    db
      .update(clients)
      .set({ last_csm_contact_at: lastTouch, updated_at: row.updated_at })
      .where(eq(clients.id, row.client_id)),
  ] as const;
  if (contacts.length === 0) return db.batch(statements);
  return db.batch([
    ...statements,
    db
      .update(clientContacts)
      .set({
        last_csm_contact: sql`(SELECT max(a.occurred_at) FROM client_activities a, json_each(a.client_contacts) j
          WHERE a.client_id = ${row.client_id} AND j.value = ${clientContacts.id} AND a.activity_type <> 'INTERNAL_DISCUSSION')`,
        updated_at: row.updated_at,
      })
      .where(and(eq(clientContacts.client_id, row.client_id), inArray(clientContacts.id, contacts))),
  ]);
}

export async function activityByIdempotencyKey(
  db: Db,
  performerId: string,
  key: string,
): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select()
    .from(clientActivities)
    .where(and(eq(clientActivities.performed_by_id, performerId), eq(clientActivities.idempotency_key, key)))
    .limit(1);
  return row;
}

/** Deletes an activity and, in the same transaction, recomputes the last CSM contacts it fed. */
export async function removeActivity(db: Db, row: ActivityRow, stamp: string) {
  const lastTouch = sql`(SELECT max(a.occurred_at) FROM client_activities a WHERE a.client_id = ${row.client_id} AND a.activity_type <> 'INTERNAL_DISCUSSION')`;
  const statements = [
    db.delete(clientActivities).where(eq(clientActivities.id, row.id)),
    db.update(clients).set({ last_csm_contact_at: lastTouch, updated_at: stamp }).where(eq(clients.id, row.client_id)),
  ] as const;
  if (row.client_contacts.length === 0) return db.batch(statements);
  return db.batch([
    ...statements,
    db
      .update(clientContacts)
      .set({
        last_csm_contact: sql`(SELECT max(a.occurred_at) FROM client_activities a, json_each(a.client_contacts) j
          WHERE a.client_id = ${row.client_id} AND j.value = ${clientContacts.id} AND a.activity_type <> 'INTERNAL_DISCUSSION')`,
        updated_at: stamp,
      })
      .where(and(eq(clientContacts.client_id, row.client_id), inArray(clientContacts.id, row.client_contacts))),
  ]);
}

export async function listActivities(
  db: Db,
  clientId: string,
  f: { types: ActivityType[]; from: string | null; to: string | null; limit: number; offset: number },
) {
  const where = and(
    eq(clientActivities.client_id, clientId),
    f.types.length ? inArray(clientActivities.activity_type, f.types) : undefined,
    f.from ? gte(clientActivities.occurred_at, f.from) : undefined,
    f.to ? lte(clientActivities.occurred_at, f.to) : undefined,
  );
  const [count, rows] = await db.batch([
    db
      .select({ n: sql<number>`count(*)` })
      .from(clientActivities)
      .where(where),
    db
      .select({
        activity: clientActivities,
        performer_first: sql<string | null>`${ethicoUsers.first_name}`.as("performer_first"),
        performer_last: sql<string | null>`${ethicoUsers.last_name}`.as("performer_last"),
      })
      .from(clientActivities)
      .leftJoin(ethicoUsers, eq(ethicoUsers.id, clientActivities.performed_by_id))
      .where(where)
      .orderBy(desc(clientActivities.occurred_at), desc(clientActivities.id))
      .limit(f.limit)
      .offset(f.offset),
  ]);
  return { total: count[0]?.n ?? 0, rows };
}
