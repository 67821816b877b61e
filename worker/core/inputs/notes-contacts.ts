import * as v from "valibot";

import { CONTACT_ROLES, NOTE_TYPES } from "#worker/core/enums";

import { id, optionalText, pageParams, text } from "./common";

// PRD ClientNote and ClientContact as the dashboard creates and edits them.

const noteFields = {
  title: optionalText(200),
  content: text(20_000),
  note_type: v.picklist(NOTE_TYPES, `must be one of ${NOTE_TYPES.join(", ")}`),
  is_private: v.optional(v.boolean("must be true or false")),
};
export const NewNoteSchema = v.strictObject(noteFields, "is not a known field");
export const NoteUpdateSchema = v.strictObject(
  {
    title: noteFields.title,
    content: v.optional(noteFields.content),
    note_type: v.optional(noteFields.note_type),
    is_private: noteFields.is_private,
  },
  "is not a known field",
);
export type NewNote = v.InferOutput<typeof NewNoteSchema>;
export type NoteUpdate = v.InferOutput<typeof NoteUpdateSchema>;
export const NoteListQuerySchema = v.strictObject(
  { note_type: v.optional(v.picklist(NOTE_TYPES, `must be one of ${NOTE_TYPES.join(", ")}`)), ...pageParams },
  "is not a known parameter",
);

const flag = v.optional(v.boolean("must be true or false"));
const contactFields = {
  name: text(120),
  email: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.email("must be an email address"), v.maxLength(254)))),
  phone: v.optional(
    v.nullable(v.pipe(v.string(), v.trim(), v.regex(/^\+?[\d\s().-]{5,25}$/, "must be a phone number"))),
  ),
  title: optionalText(120),
  role: v.picklist(CONTACT_ROLES, `must be one of ${CONTACT_ROLES.join(", ")}`),
  is_primary: flag,
  is_billing: flag,
  is_technical: flag,
  user_id: v.optional(v.nullable(id)),
  notes: optionalText(5000),
};
export const NewContactSchema = v.strictObject(contactFields, "is not a known field");
export const ContactUpdateSchema = v.strictObject(
  { ...contactFields, name: v.optional(contactFields.name), role: v.optional(contactFields.role) },
  "is not a known field",
);
export type NewContact = v.InferOutput<typeof NewContactSchema>;
export type ContactUpdate = v.InferOutput<typeof ContactUpdateSchema>;
export const ContactListQuerySchema = v.strictObject(
  { include_inactive: v.optional(v.picklist(["true", "false"], "must be true or false")) },
  "is not a known parameter",
);
