import { can } from "#worker/core/access-policy";
import type { NoteType } from "#worker/core/enums";
import { notFound } from "#worker/core/errors";
import type { NewNote, NoteUpdate } from "#worker/core/inputs/notes-contacts";
import type { Db } from "#worker/db/client";
import {
  deleteNoteRow,
  insertNote,
  type NoteRow,
  notesPage,
  noteWithClient,
  updateNoteFields,
} from "#worker/db/queries/notes";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope, deny, recordInScope } from "./client-access";

// Free-form notes (PRD ClientNote). A private note exists only for its author: everyone else,
// VPs and admins included, gets 404 for it and never sees it in lists.

export async function listNotes(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  f: { note_type?: NoteType; page: number; limit: number },
) {
  const client = await clientInScope(db, user, clientId, { action: "list", resourceType: "note" });
  const [count, rows] = await notesPage(db, client.id, user.id, f);
  await recordAudit(db, { user, action: "list", resourceType: "note", resourceId: client.id, outcome: "SUCCESS" });
  return {
    data: rows.map((r) => ({
      ...r.note,
      created_by: { id: r.note.created_by_id, name: `${r.author_first ?? ""} ${r.author_last ?? ""}`.trim() },
    })),
    pagination: {
      page: f.page,
      limit: f.limit,
      total: count[0]?.n ?? 0,
      pages: Math.ceil((count[0]?.n ?? 0) / f.limit),
    },
  };
}

export async function addNote(db: Db, user: EthicoUserRow, clientId: string, input: NewNote, now: Date) {
  const client = await clientInScope(db, user, clientId, { action: "create", resourceType: "note" });
  const stamp = now.toISOString();
  const row: NoteRow = {
    id: crypto.randomUUID(),
    client_id: client.id,
    title: input.title ?? null,
    content: input.content,
    note_type: input.note_type,
    is_private: input.is_private ?? false,
    created_by_id: user.id,
    created_at: stamp,
    updated_at: stamp,
  };
  await insertNote(db, row);
  await recordAudit(db, {
    user,
    action: "create",
    resourceType: "note",
    resourceId: row.id,
    outcome: "SUCCESS",
    details: { client_id: client.id, is_private: row.is_private },
  });
  return row;
}

/** The note if this user may see it; otherwise NOT_FOUND (a private note is not revealed). */
async function visibleNote(db: Db, user: EthicoUserRow, noteId: string, action: string): Promise<NoteRow> {
  const found = await noteWithClient(db, noteId);
  const ownOrShared = (f: { note: NoteRow }) => !f.note.is_private || f.note.created_by_id === user.id;
  return (
    await recordInScope(db, user, found, { action, resourceType: "note", resourceId: noteId }, "Note", ownOrShared)
  ).note;
}

async function mayChange(db: Db, user: EthicoUserRow, note: NoteRow, action: string) {
  if (note.created_by_id === user.id || (!note.is_private && can(user.role, "records.change_others"))) return;
  await deny(
    db,
    user,
    { action, resourceType: "note", resourceId: note.id },
    "Only the note's author (or a VP, for shared notes) may change it",
  );
}

export async function updateNote(db: Db, user: EthicoUserRow, noteId: string, input: NoteUpdate, now: Date) {
  const note = await visibleNote(db, user, noteId, "update");
  await mayChange(db, user, note, "update");
  // Only the author may make a note private (or public): it is their visibility to give away.
  if (input.is_private !== undefined && note.created_by_id !== user.id)
    await deny(
      db,
      user,
      { action: "update", resourceType: "note", resourceId: note.id },
      "Only the author may change a note's privacy",
    );
  // Only the fields sent are written: two people editing different fields both keep theirs.
  const changed = {
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    updated_at: now.toISOString(),
  } as Partial<NoteRow>;
  const stored = await updateNoteFields(db, note.id, changed);
  if (!stored) throw notFound("Note");
  const next: NoteRow = stored;
  await recordAudit(db, {
    user,
    action: "update",
    resourceType: "note",
    resourceId: note.id,
    outcome: "SUCCESS",
    details: { fields: Object.keys(input) },
  });
  return next;
}

export async function deleteNote(db: Db, user: EthicoUserRow, noteId: string) {
  const note = await visibleNote(db, user, noteId, "delete");
  await mayChange(db, user, note, "delete");
  await deleteNoteRow(db, note.id);
  await recordAudit(db, {
    user,
    action: "delete",
    resourceType: "note",
    resourceId: note.id,
    outcome: "SUCCESS",
    details: { client_id: note.client_id, note_type: note.note_type },
  });
}
