import { addDays } from "#worker/core/dates";

// "My tasks" (issue 19): open follow-ups in four buckets on the user's own calendar. A follow-up
// is due on a calendar day; "today" is the user's today (their time zone). "This week" runs from
// tomorrow to Sunday (ISO weeks end on Sunday; on a Sunday it is empty); after that is "later".

export const TASK_BUCKETS = ["overdue", "today", "this_week", "later"] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];
export const BUCKET_LABELS: Record<TaskBucket, string> = {
  overdue: "Overdue",
  today: "Today",
  this_week: "This week",
  later: "Later",
};

/** The Sunday that ends the ISO week of `today`. */
export function weekEnd(today: string): string {
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, dow === 0 ? 0 : 7 - dow);
}

export function bucketOf(due: string, today: string): TaskBucket {
  if (due < today) return "overdue";
  if (due === today) return "today";
  return due <= weekEnd(today) ? "this_week" : "later";
}

/** Tasks by bucket, each bucket by due date then by what the caller listed first. */
export function bucketTasks<T extends { due_date: string }>(tasks: T[], today: string): Record<TaskBucket, T[]> {
  const out: Record<TaskBucket, T[]> = { overdue: [], today: [], this_week: [], later: [] };
  const ordered = tasks
    .map((t, i) => [t, i] as const)
    .sort(([a, i], [b, j]) => a.due_date.localeCompare(b.due_date) || i - j);
  for (const [t] of ordered) out[bucketOf(t.due_date, today)].push(t);
  return out;
}
