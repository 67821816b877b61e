import type { FormErrors } from "./log-activity-form";

/**
 * Schedule call: a native form post to a resource route, so the browser receives the .ics as a
 * download with or without JavaScript.
 */
export function ScheduleCallForm({ clientId, contacts, errors, tomorrowLocal }: { clientId: string; contacts: { id: string; name: string }[]; errors: FormErrors | null; tomorrowLocal: string }) {
  const mine = errors?.form === "schedule_call" ? errors : null;
  const v = mine?.values ?? {};
  return (
    <details className="panel" id="schedule-call" open={Boolean(mine)}>
      <summary>Schedule call</summary>
      <form method="post" action={`/clients/${clientId}/schedule-call`} className="stacked" aria-label="Schedule call">
        {mine ? <div role="alert" className="alert"><strong>{mine.message}.</strong> {mine.details.map((d) => d.message).join("; ")}</div> : null}
        <label>Subject <input name="subject" required maxLength={150} defaultValue={v.subject ?? ""} /></label>
        <label>When (UTC) <input type="datetime-local" name="start" required defaultValue={v.start ?? tomorrowLocal} /></label>
        <label>Duration (minutes) <input type="number" name="minutes" min={5} max={480} defaultValue={v.minutes ?? "30"} /></label>
        <label>With
          <select name="contact" defaultValue={v.contact ?? ""}>
            <option value="">Nobody in particular</option>
            {contacts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <button type="submit">Schedule and download invite (.ics)</button>
      </form>
    </details>
  );
}
