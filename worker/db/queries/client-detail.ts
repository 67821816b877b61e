import { and, asc, desc, eq, gte, sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { clientActivities, clientContacts, clientHealthScores, ethicoUsers } from "#worker/db/schema";

/** What the client page shows beside the client row: score history, contacts, recent activity. */
export async function loadClientDetailParts(db: Db, clientId: string, historyFrom: string) {
  const [history, contacts, activities] = await db.batch([
    db
      .select()
      .from(clientHealthScores)
      .where(and(eq(clientHealthScores.client_id, clientId), gte(clientHealthScores.date, historyFrom)))
      .orderBy(asc(clientHealthScores.date)),
    db
      .select({
        id: clientContacts.id,
        name: clientContacts.name,
        title: clientContacts.title,
        role: clientContacts.role,
        is_primary: clientContacts.is_primary,
        last_platform_login: clientContacts.last_platform_login,
        last_csm_contact: clientContacts.last_csm_contact,
        engagement_status: clientContacts.engagement_status,
      })
      .from(clientContacts)
      .where(and(eq(clientContacts.client_id, clientId), eq(clientContacts.is_active, true)))
      .orderBy(asc(clientContacts.role), asc(clientContacts.name)),
    db
      .select({
        id: clientActivities.id,
        activity_type: clientActivities.activity_type,
        subject: clientActivities.subject,
        occurred_at: clientActivities.occurred_at,
        outcome: clientActivities.outcome,
        performed_by_first_name: sql<string | null>`${ethicoUsers.first_name}`.as("performed_by_first_name"),
        performed_by_last_name: sql<string | null>`${ethicoUsers.last_name}`.as("performed_by_last_name"),
      })
      .from(clientActivities)
      .leftJoin(ethicoUsers, eq(clientActivities.performed_by_id, ethicoUsers.id))
      .where(eq(clientActivities.client_id, clientId))
      .orderBy(desc(clientActivities.occurred_at))
      .limit(10),
  ]);
  return { history, contacts, activities };
}
