import { Link, useFetcher } from "@remix-run/react";

import { Toast } from "#app/components/ui/toast";
import { BUCKET_LABELS, TASK_BUCKETS, type TaskBucket } from "#worker/core/tasks/task-buckets";

import { type TaskItem, TaskRow, TASKS_FETCHER } from "./task-row";

// My tasks: overdue, today, this week, later. The full page lists every bucket; the portfolio's
// panel shows the counts and what is overdue or due today, a few at a time.

export interface TaskListData {
  time_zone: string;
  today: string;
  total: number;
  counts: Record<TaskBucket, number>;
  buckets: Record<TaskBucket, TaskItem[]>;
}

export function TaskBuckets({
  tasks,
  only,
  perBucket,
  compact = false,
}: {
  tasks: TaskListData;
  only?: TaskBucket[];
  perBucket?: number;
  compact?: boolean;
}) {
  const fetcher = useFetcher<{ toast: string | null; error: string | null; at: number }>({ key: TASKS_FETCHER });
  return (
    <div className="task-buckets grid min-w-0 gap-3">
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Tasks by due date">
        {TASK_BUCKETS.map((b) => (
          <span
            key={b}
            data-bucket-count={b}
            className={b === "overdue" && tasks.counts[b] ? "font-semibold text-destructive" : ""}
          >
            {BUCKET_LABELS[b]}: {tasks.counts[b]}
          </span>
        ))}
      </p>
      {(only ?? TASK_BUCKETS).map((b) => {
        const list = tasks.buckets[b];
        if (list.length === 0) return null;
        const shown = perBucket ? list.slice(0, perBucket) : list;
        return (
          <section key={b} aria-label={BUCKET_LABELS[b]} className="task-bucket min-w-0" data-bucket={b}>
            <h3 className="text-sm font-semibold">
              {BUCKET_LABELS[b]} <span className="text-muted-foreground">({list.length})</span>
            </h3>
            <ul className="divide-y divide-border">
              {shown.map((t) => (
                <TaskRow key={t.id} task={t} tz={tasks.time_zone} today={tasks.today} compact={compact} />
              ))}
            </ul>
            {shown.length < list.length ? (
              <Link to="/tasks" className="text-xs">
                {list.length - shown.length} more on My tasks
              </Link>
            ) : null}
          </section>
        );
      })}
      {tasks.total === 0 ? (
        <p className="text-sm text-muted-foreground">No open follow-ups. Set one when you log an activity.</p>
      ) : null}
      <Toast
        message={fetcher.data?.toast ?? fetcher.data?.error}
        id={fetcher.data?.at}
        tone={fetcher.data?.error ? "error" : "success"}
      />
    </div>
  );
}
