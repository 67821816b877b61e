import { clientScopeFor } from "#worker/core/access-policy";
import { daysBetween } from "#worker/core/dates";
import { bucketOf, bucketTasks, TASK_BUCKETS, type TaskBucket, weekEnd } from "#worker/core/tasks/task-buckets";
import { localDate, zoneOr } from "#worker/core/time-zone";
import type { Db } from "#worker/db/client";
import { openTasks } from "#worker/db/queries/tasks";
import type { EthicoUserRow } from "#worker/db/queries/users";

// "My tasks" (issue 19): open follow-ups, bucketed on the user's own calendar (their time zone).
// The portfolio's panel, the /tasks page, the API and the briefing all read this one list.

export interface TaskList {
  time_zone: string;
  today: string;
  week_ends: string;
  total: number;
  counts: Record<TaskBucket, number>;
  buckets: Record<TaskBucket, Task[]>;
}
export type Task = Awaited<ReturnType<typeof openTasks>>["rows"][number] & { bucket: TaskBucket; days_overdue: number };

/** The user's own open follow-ups; `performerId: null` is everyone's in scope (a VP's briefing). */
export async function listTasks(
  db: Db,
  user: EthicoUserRow,
  now: Date,
  timeZone: string | null | undefined,
  performerId: string | null = user.id,
): Promise<TaskList> {
  const tz = zoneOr(timeZone);
  const today = localDate(now, tz);
  const { total, rows } = await openTasks(db, clientScopeFor(user), performerId);
  const tasks = rows.map((r) => ({
    ...r,
    bucket: bucketOf(r.due_date, today),
    days_overdue: Math.max(0, daysBetween(r.due_date, today)),
  }));
  const buckets = bucketTasks(tasks, today);
  const counts = Object.fromEntries(TASK_BUCKETS.map((b) => [b, buckets[b].length])) as Record<TaskBucket, number>;
  return { time_zone: tz, today, week_ends: weekEnd(today), total, counts, buckets };
}
