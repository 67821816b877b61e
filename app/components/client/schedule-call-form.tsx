import { Alert } from "#app/components/ui/alert";
import { Button } from "#app/components/ui/button";
import { Field } from "#app/components/ui/form";
import { Disclosure } from "#app/components/ui/panel";

import type { FormErrors } from "./log-activity-form";

/**
 * Schedule call: a native form post to a resource route, so the browser receives the .ics as a
 * download with or without JavaScript.
 */
export function ScheduleCallForm({
  clientId,
  contacts,
  errors,
  tomorrowLocal,
}: {
  clientId: string;
  contacts: { id: string; name: string }[];
  errors: FormErrors | null;
  tomorrowLocal: string;
}) {
  const mine = errors?.form === "schedule_call" ? errors : null;
  const v = mine?.values ?? {};
  return (
    <Disclosure summary="Schedule call" id="schedule-call" open={Boolean(mine)}>
      <form
        method="post"
        action={`/clients/${clientId}/schedule-call`}
        className="grid max-w-xl gap-3"
        aria-label="Schedule call"
      >
        {mine ? (
          <Alert>
            <strong>{mine.message}.</strong> {mine.details.map((d) => d.message).join("; ")}
          </Alert>
        ) : null}
        <Field label="Subject">
          <input name="subject" required maxLength={150} defaultValue={v.subject ?? ""} />
        </Field>
        <Field label="When (UTC)">
          <input type="datetime-local" name="start" required defaultValue={v.start ?? tomorrowLocal} />
        </Field>
        <Field label="Duration (minutes)">
          <input type="number" name="minutes" min={5} max={480} defaultValue={v.minutes ?? "30"} />
        </Field>
        <Field label="With">
          <select name="contact" defaultValue={v.contact ?? ""}>
            <option value="">Nobody in particular</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit">Schedule and download invite (.ics)</Button>
      </form>
    </Disclosure>
  );
}
