import { Link, useFetcher } from "@remix-run/react";

import { Button } from "#app/components/ui/button";
import { addDays } from "#worker/core/dates";
import { formatLocal, localDateTime } from "#worker/core/time-zone";

// One open follow-up with what can be done to it: complete, reschedule, edit the activity, or
// delete it. Every form posts to /tasks through the one shared "tasks" fetcher (the page stays
// put, every list re-reads, a second click waits); without JavaScript they are plain forms.

export const TASKS_FETCHER = "tasks";

export interface TaskItem {
  id: string;
  client_id: string;
  client_name: string;
  subject: string;
  description: string | null;
  occurred_at: string;
  due_date: string;
  bucket: string;
  days_overdue: number;
  activity_type: string;
}

/** A follow-up is due on a calendar day (no time), shown as that day. */
const dueLabel = (t: TaskItem) => {
  const day = formatLocal(`${t.due_date}T12:00:00Z`, "UTC", false);
  return t.days_overdue > 0
    ? `Due ${day} · ${t.days_overdue} ${t.days_overdue === 1 ? "day" : "days"} overdue`
    : `Due ${day}`;
};

export function TaskRow({
  task: t,
  tz,
  today,
  compact = false,
}: {
  task: TaskItem;
  tz: string;
  today: string;
  compact?: boolean;
}) {
  const fetcher = useFetcher({ key: TASKS_FETCHER });
  const busy = fetcher.state !== "idle";
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={t.id} />
    </>
  );
  return (
    <li className="task min-w-0 py-2" data-task={t.id} data-bucket={t.bucket}>
      <div className="flex flex-wrap items-center gap-2">
        <fetcher.Form method="post" action="/tasks">
          {hidden("complete")}
          <Button type="submit" size="sm" variant="outline" disabled={busy} aria-label={`Complete: ${t.subject}`}>
            ✓ Complete
          </Button>
        </fetcher.Form>
        <span className="min-w-0 flex-1 break-words">
          <strong>{t.subject}</strong> · <Link to={`/clients/${t.client_id}?tab=timeline`}>{t.client_name}</Link>
          <span className={`block text-xs ${t.days_overdue > 0 ? "text-destructive" : "text-muted-foreground"}`}>
            {dueLabel(t)}
          </span>
        </span>
        <fetcher.Form method="post" action="/tasks" className="flex items-end gap-1">
          {hidden("reschedule")}
          <label className="sr-only" htmlFor={`due-${t.id}`}>
            New date for {t.subject}
          </label>
          <input
            id={`due-${t.id}`}
            type="date"
            name="due"
            required
            min={today}
            defaultValue={t.due_date < today ? addDays(today, 1) : t.due_date}
            className="h-8"
          />
          <Button type="submit" size="sm" variant="outline" disabled={busy} aria-label={`Reschedule: ${t.subject}`}>
            Reschedule
          </Button>
        </fetcher.Form>
      </div>
      {compact ? null : (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-xs text-muted-foreground">Edit or delete the activity</summary>
          <fetcher.Form
            method="post"
            action="/tasks"
            className="mt-2 grid max-w-xl gap-2"
            aria-label={`Edit ${t.subject}`}
          >
            {hidden("edit")}
            <input type="hidden" name="time_zone" value={tz} />
            <label className="grid gap-1 text-xs">
              Subject
              <input name="subject" required maxLength={200} defaultValue={t.subject} />
            </label>
            <label className="grid gap-1 text-xs">
              Notes
              <textarea name="description" rows={2} maxLength={5000} defaultValue={t.description ?? ""} />
            </label>
            <label className="grid gap-1 text-xs">
              When ({tz})
              <input
                type="datetime-local"
                name="occurred_at"
                required
                defaultValue={localDateTime(t.occurred_at, tz)}
              />
            </label>
            <label className="grid gap-1 text-xs">
              Follow-up date
              <input type="date" name="follow_up_date" required defaultValue={t.due_date} />
            </label>
            <span>
              <Button type="submit" size="sm" disabled={busy}>
                Save changes
              </Button>
            </span>
          </fetcher.Form>
          <fetcher.Form method="post" action="/tasks" className="mt-2">
            {hidden("delete")}
            <Button
              type="submit"
              size="sm"
              variant="destructive"
              disabled={busy}
              aria-label={`Delete activity: ${t.subject}`}
            >
              Delete activity
            </Button>
          </fetcher.Form>
        </details>
      )}
    </li>
  );
}
