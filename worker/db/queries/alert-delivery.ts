import { and, eq, gte, sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { alertDeliveries, clientAlerts, clients, ethicoUsers } from "#worker/db/schema";

/** An alert with what its email or Slack message needs: client name and the CSM's address. */
export async function findAlertForDelivery(db: Db, alertId: string) {
  const [row] = await db
    .select({
      id: clientAlerts.id,
      client_id: clientAlerts.client_id,
      title: clientAlerts.title,
      severity: clientAlerts.severity,
      description: clientAlerts.description,
      ai_analysis: clientAlerts.ai_analysis,
      ai_recommended_action: clientAlerts.ai_recommended_action,
      client_name: clients.name,
      csm_email: ethicoUsers.email,
      csm_name: sql<string | null>`${ethicoUsers.first_name} || ' ' || ${ethicoUsers.last_name}`,
    })
    .from(clientAlerts)
    .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
    .leftJoin(ethicoUsers, eq(ethicoUsers.id, clients.csm_user_id))
    .where(eq(clientAlerts.id, alertId))
    .limit(1);
  return row ?? null;
}

/** Deliveries the queue gave up on since `since` (the alert dead-letter depth on /admin/system). */
export async function deadLetteredDeliveriesSince(db: Db, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.status, "DEAD_LETTERED"), gte(alertDeliveries.at, since.toISOString())));
  return Number(row?.n ?? 0);
}
