import { and, asc, eq, ne } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { clientContacts, clients, platformUsers, userDailyActivity } from "#worker/db/schema";

// Key stakeholders (client_contacts). One primary contact per client: making one primary clears
// the flag on the others in the same D1 batch (one transaction).

export type ContactRow = typeof clientContacts.$inferSelect;

export async function listClientContacts(db: Db, clientId: string, includeInactive: boolean): Promise<ContactRow[]> {
  return db
    .select()
    .from(clientContacts)
    .where(
      and(eq(clientContacts.client_id, clientId), includeInactive ? undefined : eq(clientContacts.is_active, true)),
    )
    .orderBy(asc(clientContacts.role), asc(clientContacts.name));
}

/** Active contacts of one client, unordered (the email draft picks its recipient). */
export async function activeContactsOf(db: Db, clientId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(clientContacts)
    .where(and(eq(clientContacts.client_id, clientId), eq(clientContacts.is_active, true)));
}

/** A platform user's sessions per day at this client. */
export async function userSessionDays(db: Db, clientId: string, userId: string) {
  return db
    .select({ date: userDailyActivity.date, sessions: userDailyActivity.sessions })
    .from(userDailyActivity)
    .where(and(eq(userDailyActivity.user_id, userId), eq(userDailyActivity.client_id, clientId)));
}

export async function platformUserOfClient(db: Db, clientId: string, userId: string) {
  return db.query.platformUsers.findFirst({
    where: and(eq(platformUsers.id, userId), eq(platformUsers.client_id, clientId)),
  });
}

const clearOtherPrimaries = (db: Db, clientId: string, keepId: string, stamp: string | undefined) =>
  db
    .update(clientContacts)
    .set({ is_primary: false, updated_at: stamp })
    .where(and(eq(clientContacts.client_id, clientId), ne(clientContacts.id, keepId)));

export async function insertContact(db: Db, row: ContactRow): Promise<void> {
  const write = db.insert(clientContacts).values(row);
  if (!row.is_primary) await write;
  else await db.batch([clearOtherPrimaries(db, row.client_id, row.id, row.updated_at), write]);
}

/** The contact with its client's CSM and AE (for the scope check). */
export async function contactWithClient(db: Db, contactId: string) {
  const [found] = await db
    .select({ contact: clientContacts, csm_user_id: clients.csm_user_id, ae_user_id: clients.ae_user_id })
    .from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.client_id))
    .where(eq(clientContacts.id, contactId))
    .limit(1);
  return found;
}

/** Writes only the given fields (and clears other primaries when it becomes primary); undefined when gone. */
export async function updateContactFields(
  db: Db,
  contact: { id: string; client_id: string },
  changed: Partial<ContactRow>,
): Promise<ContactRow | undefined> {
  const update = db.update(clientContacts).set(changed).where(eq(clientContacts.id, contact.id)).returning();
  const stored = changed.is_primary
    ? (await db.batch([clearOtherPrimaries(db, contact.client_id, contact.id, changed.updated_at), update]))[1]
    : await update;
  return stored[0];
}

export async function deactivateContact(db: Db, contactId: string, stamp: string): Promise<void> {
  await db
    .update(clientContacts)
    .set({ is_active: false, is_primary: false, left_company_at: stamp, updated_at: stamp })
    .where(eq(clientContacts.id, contactId));
}
