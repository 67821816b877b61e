import { Hono } from "hono";
import { parseInput, queryObject } from "../../core/inputs/common";
import { ContactListQuerySchema, ContactUpdateSchema, NewContactSchema, NewNoteSchema, NoteListQuerySchema, NoteUpdateSchema } from "../../core/inputs/notes-contacts";
import { addContact, listContacts, removeContact, updateContact } from "../../services/contacts";
import { addNote, deleteNote, listNotes, updateNote } from "../../services/notes";
import type { ApiEnv } from "../context";
import { jsonBody } from "../body";
import { clientIdParam, idParam } from "../params";

const query = (url: string) => queryObject(new URL(url).searchParams);

/** Mounted under /clients: the client's contacts and notes. */
export const clientNotesContactsRoutes = new Hono<ApiEnv>()
  .get("/:id/contacts", async (c) => {
    const q = parseInput(ContactListQuerySchema, query(c.req.url), "query parameters");
    return c.json(await listContacts(c.var.db, c.var.user, clientIdParam(c.req.param("id")), q.include_inactive === "true"));
  })
  .post("/:id/contacts", async (c) => {
    const input = parseInput(NewContactSchema, await jsonBody(c.req.raw), "contact");
    return c.json(await addContact(c.var.db, c.var.user, clientIdParam(c.req.param("id")), input, new Date()), 201);
  })
  .get("/:id/notes", async (c) => {
    const q = parseInput(NoteListQuerySchema, query(c.req.url), "query parameters");
    return c.json(await listNotes(c.var.db, c.var.user, clientIdParam(c.req.param("id")), q));
  })
  .post("/:id/notes", async (c) => {
    const input = parseInput(NewNoteSchema, await jsonBody(c.req.raw), "note");
    return c.json(await addNote(c.var.db, c.var.user, clientIdParam(c.req.param("id")), input, new Date()), 201);
  });

/** Mounted at /contacts. */
export const contactRoutes = new Hono<ApiEnv>()
  .put("/:id", async (c) => {
    const input = parseInput(ContactUpdateSchema, await jsonBody(c.req.raw), "contact");
    return c.json(await updateContact(c.var.db, c.var.user, idParam(c.req.param("id"), "contact"), input, new Date()));
  })
  .delete("/:id", async (c) => {
    await removeContact(c.var.db, c.var.user, idParam(c.req.param("id"), "contact"), new Date());
    return c.body(null, 204);
  });

/** Mounted at /notes. */
export const noteRoutes = new Hono<ApiEnv>()
  .put("/:id", async (c) => {
    const input = parseInput(NoteUpdateSchema, await jsonBody(c.req.raw), "note");
    return c.json(await updateNote(c.var.db, c.var.user, idParam(c.req.param("id"), "note"), input, new Date()));
  })
  .delete("/:id", async (c) => {
    await deleteNote(c.var.db, c.var.user, idParam(c.req.param("id"), "note"));
    return c.body(null, 204);
  });
