import { Form } from "@remix-run/react";
import { NOTE_TYPES } from "../../../worker/core/enums";
import { formatDate, titleCase } from "../../lib/format";
import type { FormErrors } from "./log-activity-form";

export interface NotesView {
  data: { id: string; title: string | null; content: string; note_type: string; is_private: boolean; created_at: string; created_by: { name: string } }[];
}

/** Notes with an add form; private notes are marked (and only ever listed for their author). */
export function NotesTab({ notes, errors }: { notes: NotesView; errors: FormErrors | null }) {
  const mine = errors?.form === "add_note" ? errors : null;
  const v = mine?.values ?? {};
  return (
    <section aria-label="Notes">
      <Form method="post" className="stacked panel" aria-label="Add note">
        <input type="hidden" name="intent" value="add_note" />
        {mine ? <div role="alert" className="alert"><strong>{mine.message}.</strong> {mine.details.map((d) => d.message).join("; ")}</div> : null}
        <label>Title <input name="title" maxLength={200} defaultValue={v.title ?? ""} /></label>
        <label>Note <textarea name="content" rows={3} required maxLength={20000} defaultValue={v.content ?? ""} /></label>
        <label>Type
          <select name="note_type" defaultValue={v.note_type ?? "GENERAL"}>
            {NOTE_TYPES.map((t) => <option key={t} value={t}>{titleCase(t)}</option>)}
          </select>
        </label>
        <label className="inline"><input type="checkbox" name="is_private" value="true" defaultChecked={v.is_private === "true"} /> Private (only you can see it)</label>
        <button type="submit">Add note</button>
      </Form>
      {notes.data.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="activities">
        {notes.data.map((n) => (
          <li key={n.id}>
            <strong>{n.title ?? titleCase(n.note_type)}</strong> {n.is_private ? <span className="badge">Private</span> : null}
            <p className="note-body">{n.content}</p>
            <span className="sub">{n.created_by.name} · {formatDate(n.created_at)} · {titleCase(n.note_type)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
