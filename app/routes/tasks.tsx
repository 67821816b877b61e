import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { useActionData, useLoaderData } from "@remix-run/react";

import { TaskBuckets } from "#app/components/tasks/task-buckets";
import { Toast } from "#app/components/ui/toast";
import { orPageError } from "#app/lib/page-errors.server";
import { timeZoneOf } from "#app/lib/time-zone.server";
import { AppError } from "#worker/core/errors";
import { ActivityUpdateSchema } from "#worker/core/inputs/activity";
import { parseInput } from "#worker/core/inputs/parse";
import { formatLocal, zonedToUtc } from "#worker/core/time-zone";
import { deleteActivity, updateActivity } from "#worker/services/activities";
import { listTasks } from "#worker/services/tasks";

// My tasks (issue 19): the user's open follow-ups, overdue / today / this week / later on their
// own calendar; complete, reschedule, edit or delete each (audited, and sent to the CRM).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.tasks.counts.overdue ? `(${data.tasks.counts.overdue} overdue) ` : ""}My tasks · Client Success Dashboard`,
  },
];

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  orPageError(async () => ({ tasks: await listTasks(context.db, context.user, new Date(), timeZoneOf(request)) }));

/** The task forms (also posted from the portfolio's My tasks panel). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("id") ?? "");
  const tz = timeZoneOf(request, form);
  const now = new Date();
  const str = (k: string) => String(form.get(k) ?? "");
  try {
    let toast: string;
    if (intent === "delete") {
      await deleteActivity(context.ctx, id);
      toast = "Activity and its follow-up deleted.";
    } else {
      const input =
        intent === "complete"
          ? { follow_up_completed: true }
          : intent === "reschedule"
            ? { follow_up_date: str("due") }
            : intent === "edit"
              ? {
                  subject: str("subject"),
                  description: str("description") || null,
                  occurred_at: zonedToUtc(str("occurred_at"), tz) ?? str("occurred_at"),
                  follow_up_date: str("follow_up_date") || null,
                }
              : null;
      if (!input) throw new AppError("BAD_REQUEST", "Unknown form");
      const saved = await updateActivity(context.ctx, id, parseInput(ActivityUpdateSchema, input, "task"));
      toast =
        intent === "complete"
          ? `Follow-up completed: ${saved.subject}.`
          : intent === "reschedule"
            ? `Follow-up moved to ${formatLocal(`${saved.follow_up_date}T12:00:00Z`, "UTC", false)}.`
            : "Activity saved.";
    }
    return data({ toast, error: null, at: now.getTime() });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const detail = Array.isArray(err.details)
        ? (err.details as { field?: string | null; message: string }[])
            .map((d) => `${d.field ?? ""} ${d.message}`.trim())
            .join("; ")
        : "";
      return data(
        { toast: null, error: detail ? `${err.message}: ${detail}` : err.message, at: now.getTime() },
        { status: err.status },
      );
    }
    throw err;
  }
}

export default function Tasks() {
  const { tasks } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <section className="tasks grid min-w-0 gap-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">My tasks</h1>
        <span className="text-sm text-muted-foreground">
          {tasks.total} open follow-up{tasks.total === 1 ? "" : "s"} · today is{" "}
          {formatLocal(`${tasks.today}T12:00:00Z`, "UTC", false)} ({tasks.time_zone})
        </span>
      </div>
      <TaskBuckets tasks={tasks} />
      {/* Without JavaScript the forms come back here with the confirmation. */}
      <Toast message={done?.toast ?? done?.error} id={done?.at} tone={done?.error ? "error" : "success"} />
    </section>
  );
}
