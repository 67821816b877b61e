import { Form } from "@remix-run/react";

import { Alert, EmptyState } from "#app/components/ui/alert";
import { Badge } from "#app/components/ui/badge";
import { Button } from "#app/components/ui/button";
import { Field } from "#app/components/ui/form";
import { formatDate, titleCase } from "#app/lib/format";
import { NOTE_TYPES } from "#worker/core/enums";

import type { FormErrors } from "./log-activity-form";

export interface NotesView {
  data: {
    id: string;
    title: string | null;
    content: string;
    note_type: string;
    is_private: boolean;
    created_at: string;
    created_by: { name: string };
  }[];
}

/** Notes with an add form; private notes are marked (and only ever listed for their author). */
export function NotesTab({ notes, errors }: { notes: NotesView; errors: FormErrors | null }) {
  const mine = errors?.form === "add_note" ? errors : null;
  const v = mine?.values ?? {};
  return (
    <section aria-label="Notes">
      <Form
        method="post"
        className="grid max-w-xl gap-3 panel my-4 rounded-lg border border-border bg-card p-4"
        aria-label="Add note"
      >
        <input type="hidden" name="intent" value="add_note" />
        {mine ? (
          <Alert>
            <strong>{mine.message}.</strong> {mine.details.map((d) => d.message).join("; ")}
          </Alert>
        ) : null}
        <Field label="Title">
          <input name="title" maxLength={200} defaultValue={v.title ?? ""} />
        </Field>
        <Field label="Note">
          <textarea name="content" rows={3} required maxLength={20000} defaultValue={v.content ?? ""} />
        </Field>
        <Field label="Type">
          <select name="note_type" defaultValue={v.note_type ?? "GENERAL"}>
            {NOTE_TYPES.map((t) => (
              <option key={t} value={t}>
                {titleCase(t)}
              </option>
            ))}
          </select>
        </Field>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="is_private" value="true" defaultChecked={v.is_private === "true"} /> Private
          (only you can see it)
        </label>
        <Button type="submit">Add note</Button>
      </Form>
      {notes.data.length === 0 ? <EmptyState>No notes yet.</EmptyState> : null}
      <ul className="activities grid gap-2">
        {notes.data.map((n) => (
          <li key={n.id} className="rounded-lg border border-border bg-card px-3 py-2">
            <strong>{n.title ?? titleCase(n.note_type)}</strong> {n.is_private ? <Badge>Private</Badge> : null}
            <p className="whitespace-pre-wrap">{n.content}</p>
            <span className="block text-xs text-muted-foreground">
              {n.created_by.name} · {formatDate(n.created_at)} · {titleCase(n.note_type)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
