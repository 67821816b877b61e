import { Link } from "@remix-run/react";

import { Panel } from "#app/components/ui/panel";

import { TaskBuckets, type TaskListData } from "./task-buckets";

/** The portfolio's "My tasks": the counts, and what is overdue or due today (five of each). */
export function MyTasksPanel({ tasks }: { tasks: TaskListData }) {
  return (
    <Panel aria-labelledby="my-tasks-title" className="my-tasks min-w-0">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="my-tasks-title" className="text-base font-semibold">
          My tasks
        </h2>
        <Link to="/tasks" className="ml-auto text-sm">
          All {tasks.total} open follow-ups →
        </Link>
      </div>
      <TaskBuckets tasks={tasks} only={["overdue", "today"]} perBucket={5} compact />
    </Panel>
  );
}
