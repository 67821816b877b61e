import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput, queryInput } from "#worker/api/input";
import { clientIdParam, idParam } from "#worker/api/params";
import {
  ContactListQuerySchema,
  ContactUpdateSchema,
  NewContactSchema,
  NewNoteSchema,
  NoteListQuerySchema,
  NoteUpdateSchema,
} from "#worker/core/inputs/notes-contacts";
import { addContact, listContacts, removeContact, updateContact } from "#worker/services/contacts";
import { addNote, deleteNote, listNotes, updateNote } from "#worker/services/notes";

/** Mounted under /clients: the client's contacts and notes. */
export const clientNotesContactsRoutes = new Hono<ApiEnv>()
  .get("/:id/contacts", async (c) => {
    const q = queryInput(c, ContactListQuerySchema);
    return c.json(
      await listContacts(c.var.db, c.var.user, clientIdParam(c.req.param("id")), q.include_inactive === "true"),
    );
  })
  .post("/:id/contacts", async (c) => {
    const input = await bodyInput(c, NewContactSchema, "contact");
    return c.json(await addContact(c.var.db, c.var.user, clientIdParam(c.req.param("id")), input, new Date()), 201);
  })
  .get("/:id/notes", async (c) => {
    const q = queryInput(c, NoteListQuerySchema);
    return c.json(await listNotes(c.var.db, c.var.user, clientIdParam(c.req.param("id")), q));
  })
  .post("/:id/notes", async (c) => {
    const input = await bodyInput(c, NewNoteSchema, "note");
    return c.json(await addNote(c.var.db, c.var.user, clientIdParam(c.req.param("id")), input, new Date()), 201);
  });

/** Mounted at /contacts. */
export const contactRoutes = new Hono<ApiEnv>()
  .put("/:id", async (c) => {
    const input = await bodyInput(c, ContactUpdateSchema, "contact");
    return c.json(await updateContact(c.var.db, c.var.user, idParam(c.req.param("id"), "contact"), input, new Date()));
  })
  .delete("/:id", async (c) => {
    await removeContact(c.var.db, c.var.user, idParam(c.req.param("id"), "contact"), new Date());
    return c.body(null, 204);
  });

/** Mounted at /notes. */
export const noteRoutes = new Hono<ApiEnv>()
  .put("/:id", async (c) => {
    const input = await bodyInput(c, NoteUpdateSchema, "note");
    return c.json(await updateNote(c.var.db, c.var.user, idParam(c.req.param("id"), "note"), input, new Date()));
  })
  .delete("/:id", async (c) => {
    await deleteNote(c.var.db, c.var.user, idParam(c.req.param("id"), "note"));
    return c.body(null, 204);
  });
