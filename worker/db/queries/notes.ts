import { and, desc, eq, or, sql } from "drizzle-orm";

import type { NoteType } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { clientNotes, clients, ethicoUsers } from "#worker/db/schema";

// Client notes. A private note is visible to its author only, so every list filters on it here.

export type NoteRow = typeof clientNotes.$inferSelect;

/** Notes the user may read: shared ones, and their own private ones. */
const visibleTo = (userId: string) => or(eq(clientNotes.is_private, false), eq(clientNotes.created_by_id, userId));

/** One page of a client's notes the user may read, with the total, in one batch. */
export async function notesPage(
  db: Db,
  clientId: string,
  userId: string,
  f: { note_type?: NoteType; page: number; limit: number },
) {
  const where = and(
    eq(clientNotes.client_id, clientId),
    visibleTo(userId),
    f.note_type ? eq(clientNotes.note_type, f.note_type) : undefined,
  );
  return db.batch([
    db
      .select({ n: sql<number>`count(*)` })
      .from(clientNotes)
      .where(where),
    db
      .select({
        note: clientNotes,
        author_first: sql<string | null>`${ethicoUsers.first_name}`.as("author_first"),
        author_last: sql<string | null>`${ethicoUsers.last_name}`.as("author_last"),
      })
      .from(clientNotes)
      .leftJoin(ethicoUsers, eq(ethicoUsers.id, clientNotes.created_by_id))
      .where(where)
      .orderBy(desc(clientNotes.created_at), desc(clientNotes.id))
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
  ]);
}

export async function insertNote(db: Db, row: NoteRow): Promise<void> {
  await db.insert(clientNotes).values(row);
}

/** The note with its client's CSM and AE (for the scope check), whoever may see it. */
export async function noteWithClient(db: Db, noteId: string) {
  const [found] = await db
    .select({ note: clientNotes, csm_user_id: clients.csm_user_id, ae_user_id: clients.ae_user_id })
    .from(clientNotes)
    .innerJoin(clients, eq(clients.id, clientNotes.client_id))
    .where(eq(clientNotes.id, noteId))
    .limit(1);
  return found;
}

/** Writes only the given fields; undefined when the note is gone. */
export async function updateNoteFields(
  db: Db,
  noteId: string,
  changed: Partial<NoteRow>,
): Promise<NoteRow | undefined> {
  const [stored] = await db.update(clientNotes).set(changed).where(eq(clientNotes.id, noteId)).returning();
  return stored;
}

export async function deleteNoteRow(db: Db, noteId: string): Promise<void> {
  await db.delete(clientNotes).where(eq(clientNotes.id, noteId));
}
