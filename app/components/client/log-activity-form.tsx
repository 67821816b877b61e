import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";

import { TimeZoneField } from "#app/components/time-zone-cookie";
import { Alert } from "#app/components/ui/alert";
import { Field } from "#app/components/ui/form";
import { Disclosure } from "#app/components/ui/panel";
import { SubmitButton } from "#app/components/ui/submit-button";
import { titleCase } from "#app/lib/format";
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES } from "#worker/core/enums";

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
export function LogActivityForm({
  contacts,
  errors,
  nowLocal,
  prefillSubject,
  idempotencyKey,
  timeZone,
}: {
  contacts: { id: string; name: string }[];
  errors: FormErrors | null;
  nowLocal: string;
  prefillSubject?: string;
  idempotencyKey?: string;
  timeZone?: string;
}) {
  const mine = errors?.form === "log_activity" ? errors : null;
  // A recommended action from the AI panel opens the form with the action as its subject.
  const prefilled =
    !mine && prefillSubject
      ? {
          form: "log_activity",
          message: "",
          details: [],
          values: { subject: prefillSubject.slice(0, 200), activity_type: "CALL" },
        }
      : null;
  return (
    <Disclosure summary="Log activity" id="log-activity" open={Boolean(mine || prefilled)}>
      <LogActivityFields
        contacts={contacts}
        errors={mine}
        prefill={prefilled?.values}
        nowLocal={nowLocal}
        idempotencyKey={idempotencyKey}
        timeZone={timeZone}
      />
    </Disclosure>
  );
}

/** The form itself; the portfolio's row dialog posts it to the client's page and comes back. */
export function LogActivityFields({
  contacts,
  errors: mine,
  nowLocal,
  action,
  returnTo,
  prefill,
  idempotencyKey,
  timeZone,
}: {
  contacts: { id: string; name: string }[];
  errors: FormErrors | null;
  nowLocal: string;
  action?: string;
  returnTo?: string;
  prefill?: Record<string, string>;
  idempotencyKey?: string;
  timeZone?: string;
}) {
  const v = mine?.values ?? prefill ?? {};
  // One key per form as rendered: a double click or a resubmitted page logs the activity once.
  // The page's loader gives one; elsewhere the browser makes one after hydration.
  const [key, setKey] = useState(idempotencyKey ?? "");
  useEffect(() => {
    if (!idempotencyKey) setKey(crypto.randomUUID());
  }, [idempotencyKey]);
  return (
    <Form method="post" action={action} className="grid max-w-xl gap-3" aria-label="Log activity">
      <input type="hidden" name="intent" value="log_activity" />
      {key || v.idempotency_key ? (
        <input type="hidden" name="idempotency_key" value={v.idempotency_key ?? key} />
      ) : null}
      {timeZone ? <input type="hidden" name="time_zone" value={timeZone} /> : <TimeZoneField />}
      {returnTo ? <input type="hidden" name="return_to" value={returnTo} /> : null}
      {mine ? (
        <Alert>
          <strong>{mine.message}.</strong>
          <ul>
            {mine.details.map((d, i) => (
              <li key={i}>
                {d.field ? <code>{d.field}</code> : null} {d.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Field label="Type">
        <select name="activity_type" defaultValue={v.activity_type ?? "CALL"}>
          {ACTIVITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {titleCase(t)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Subject">
        <input name="subject" required maxLength={200} defaultValue={v.subject ?? ""} />
      </Field>
      <Field label="Notes">
        <textarea name="description" rows={3} maxLength={5000} defaultValue={v.description ?? ""} />
      </Field>
      <Field label={`When${timeZone ? ` (${timeZone})` : ""}`}>
        <input type="datetime-local" name="occurred_at" defaultValue={v.occurred_at ?? nowLocal} />
      </Field>
      <Field label="Duration (minutes)">
        <input type="number" name="duration_minutes" min={0} max={1440} defaultValue={v.duration_minutes ?? ""} />
      </Field>
      <Field label="Outcome">
        <select name="outcome" defaultValue={v.outcome ?? ""}>
          <option value="">Not recorded</option>
          {ACTIVITY_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {titleCase(o)}
            </option>
          ))}
        </select>
      </Field>
      {contacts.length ? (
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 rounded-md border border-border px-3 py-2">
          <legend className="px-1">Contacts</legend>
          {contacts.map((c) => (
            <label key={c.id} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="client_contacts"
                value={c.id}
                defaultChecked={(v.client_contacts ?? "").split(",").includes(c.id)}
              />{" "}
              {c.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Field label="Follow-up date">
        <input type="date" name="follow_up_date" defaultValue={v.follow_up_date ?? ""} />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save activity</SubmitButton>
    </Form>
  );
}
