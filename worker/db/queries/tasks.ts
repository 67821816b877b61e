import { and, asc, eq, isNotNull, sql } from "drizzle-orm";

import type { ClientScope } from "#worker/core/access-policy";
import type { Db } from "#worker/db/client";
import { clientActivities, clients } from "#worker/db/schema";

import { scopeCondition } from "./clients";

// Open follow-ups as tasks: a person's (or, for a portfolio-wide briefing, everyone's) not yet
// completed follow-ups on active clients they may see, by due date.

export const TASK_LIMIT = 500;

export async function openTasks(db: Db, scope: ClientScope, performerId: string | null) {
  const where = and(
    performerId ? eq(clientActivities.performed_by_id, performerId) : undefined,
    eq(clientActivities.follow_up_required, true),
    eq(clientActivities.follow_up_completed, false),
    isNotNull(clientActivities.follow_up_date),
    eq(clients.account_status, "ACTIVE"),
    scopeCondition(scope),
  );
  const [count, rows] = await db.batch([
    db
      .select({ n: sql<number>`count(*)` })
      .from(clientActivities)
      .innerJoin(clients, eq(clients.id, clientActivities.client_id))
      .where(where),
    db
      .select({
        // No two columns share a name: D1 drops a repeated name from raw rows, shifting the rest.
        id: clientActivities.id,
        client_id: clientActivities.client_id,
        client_name: clients.name,
        activity_type: clientActivities.activity_type,
        subject: clientActivities.subject,
        description: clientActivities.description,
        occurred_at: clientActivities.occurred_at,
        outcome: clientActivities.outcome,
        due_date: sql<string>`${clientActivities.follow_up_date}`,
        performed_by_id: clientActivities.performed_by_id,
        updated_at: clientActivities.updated_at,
      })
      .from(clientActivities)
      .innerJoin(clients, eq(clients.id, clientActivities.client_id))
      .where(where)
      .orderBy(asc(clientActivities.follow_up_date), asc(clientActivities.occurred_at), asc(clientActivities.id))
      .limit(TASK_LIMIT),
  ]);
  return { total: count[0]?.n ?? 0, rows };
}
