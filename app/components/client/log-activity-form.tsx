import { Form } from "@remix-run/react";
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES } from "../../../worker/core/enums";
import { titleCase } from "../../lib/format";

export interface FormErrors {
  form: string;
  message: string;
  details: { field?: string | null; message: string }[];
  values: Record<string, string>;
}

/**
 * Log activity (US-015-040) as a plain form inside a disclosure: works without JavaScript,
 * keyboard-accessible, and keeps what was typed when the server refuses it.
 */
export function LogActivityForm({ contacts, errors, nowLocal }: { contacts: { id: string; name: string }[]; errors: FormErrors | null; nowLocal: string }) {
  const mine = errors?.form === "log_activity" ? errors : null;
  return (
    <details className="panel" id="log-activity" open={Boolean(mine)}>
      <summary>Log activity</summary>
      <LogActivityFields contacts={contacts} errors={mine} nowLocal={nowLocal} />
    </details>
  );
}

/** The form itself; the portfolio's row dialog posts it to the client's page and comes back. */
export function LogActivityFields({ contacts, errors: mine, nowLocal, action, returnTo }: { contacts: { id: string; name: string }[]; errors: FormErrors | null; nowLocal: string; action?: string; returnTo?: string }) {
  const v = mine?.values ?? {};
  return (
      <Form method="post" action={action} className="stacked" aria-label="Log activity">
        <input type="hidden" name="intent" value="log_activity" />
        {returnTo ? <input type="hidden" name="return_to" value={returnTo} /> : null}
        {mine ? (
          <div role="alert" className="alert">
            <strong>{mine.message}.</strong>
            <ul>{mine.details.map((d, i) => <li key={i}>{d.field ? <code>{d.field}</code> : null} {d.message}</li>)}</ul>
          </div>
        ) : null}
        <label>Type
          <select name="activity_type" defaultValue={v.activity_type ?? "CALL"}>
            {ACTIVITY_TYPES.map((t) => <option key={t} value={t}>{titleCase(t)}</option>)}
          </select>
        </label>
        <label>Subject <input name="subject" required maxLength={200} defaultValue={v.subject ?? ""} /></label>
        <label>Notes <textarea name="description" rows={3} maxLength={5000} defaultValue={v.description ?? ""} /></label>
        <label>When (UTC) <input type="datetime-local" name="occurred_at" defaultValue={v.occurred_at ?? nowLocal} /></label>
        <label>Duration (minutes) <input type="number" name="duration_minutes" min={0} max={1440} defaultValue={v.duration_minutes ?? ""} /></label>
        <label>Outcome
          <select name="outcome" defaultValue={v.outcome ?? ""}>
            <option value="">Not recorded</option>
            {ACTIVITY_OUTCOMES.map((o) => <option key={o} value={o}>{titleCase(o)}</option>)}
          </select>
        </label>
        {contacts.length ? (
          <fieldset>
            <legend>Contacts</legend>
            {contacts.map((c) => (
              <label key={c.id} className="inline"><input type="checkbox" name="client_contacts" value={c.id} defaultChecked={(v.client_contacts ?? "").split(",").includes(c.id)} /> {c.name}</label>
            ))}
          </fieldset>
        ) : null}
        <label>Follow-up date <input type="date" name="follow_up_date" defaultValue={v.follow_up_date ?? ""} /></label>
        <button type="submit">Save activity</button>
      </Form>
  );
}
