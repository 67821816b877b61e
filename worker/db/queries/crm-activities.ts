import { and, eq, gte, isNotNull, isNull, or } from "drizzle-orm";

import type { CrmProvider } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import { inJson } from "#worker/db/in-json";
import { clientActivities, clients } from "#worker/db/schema";

import type { ActivityRow } from "./activities";

// Logged activities on their way to the CRM: what is pending, and the CRM ids once it answered.

/** Activities edited after they reached the CRM, oldest edit first. */
export async function editedActivities(
  db: Db,
  provider: CrmProvider,
  clientIds: string[],
  limit: number,
): Promise<ActivityRow[]> {
  const flag =
    provider === "salesforce" ? clientActivities.salesforce_update_pending : clientActivities.hubspot_update_pending;
  return db
    .select()
    .from(clientActivities)
    .where(and(inJson(clientActivities.client_id, clientIds), eq(flag, true)))
    .orderBy(clientActivities.updated_at)
    .limit(limit);
}

export async function clearActivityUpdatePending(db: Db, provider: CrmProvider, activityIds: string[]): Promise<void> {
  await db
    .update(clientActivities)
    .set(provider === "salesforce" ? { salesforce_update_pending: false } : { hubspot_update_pending: false })
    .where(inJson(clientActivities.id, activityIds));
}

/**
 * Activities of linked clients logged since `since` (the connection's creation) that the CRM
 * does not have yet: no Salesforce task, or a HubSpot engagement missing or not yet associated.
 */
export async function activitiesToPush(db: Db, provider: CrmProvider, clientIds: string[], since: string) {
  const crmId = provider === "salesforce" ? clients.salesforce_account_id : clients.hubspot_company_id;
  const pending =
    provider === "salesforce"
      ? isNull(clientActivities.salesforce_activity_id)
      : or(isNull(clientActivities.hubspot_engagement_id), isNull(clientActivities.hubspot_associated_at));
  return db
    .select({ activity: clientActivities, crm_id: crmId })
    .from(clientActivities)
    .innerJoin(clients, eq(clients.id, clientActivities.client_id))
    .where(
      and(
        inJson(clientActivities.client_id, clientIds),
        isNotNull(crmId),
        gte(clientActivities.created_at, since),
        pending,
      ),
    )
    .orderBy(clientActivities.created_at);
}

/** The CRM ids each created record got, one update per activity, in one batch. */
export async function recordActivityCrmIds(db: Db, writes: { id: string; set: Partial<ActivityRow> }[]): Promise<void> {
  const [first, ...rest] = writes.map((w) =>
    db.update(clientActivities).set(w.set).where(eq(clientActivities.id, w.id)),
  );
  if (first) await db.batch([first, ...rest]);
}

export async function markActivitiesAssociated(db: Db, activityIds: string[], stamp: string): Promise<void> {
  await db
    .update(clientActivities)
    .set({ hubspot_associated_at: stamp })
    .where(inJson(clientActivities.id, activityIds));
}
