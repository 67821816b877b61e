import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";

import type { ClientScope } from "#worker/core/access-policy";
import type { AlertSeverity, AlertStatus, AlertType } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { alertDeliveries, clientAlerts, clients } from "#worker/db/schema";

import { filterCondition } from "./alert-inbox";
import { scopeCondition } from "./clients";

// Alerts as the API and the streams show them, scoped like clients: another CSM's alert is
// simply not found.

export type AlertRow = typeof clientAlerts.$inferSelect;

const OPEN_STATUSES: AlertStatus[] = ["NEW", "ACKNOWLEDGED", "SNOOZED"];

const fields = {
  alert: clientAlerts,
  client_name: clients.name,
  arr: clients.annual_recurring_revenue,
  next_renewal_date: clients.next_renewal_date,
  csm_user_id: clients.csm_user_id,
  ae_user_id: clients.ae_user_id,
};

export type AlertWithClient = {
  alert: AlertRow;
  client_name: string;
  arr: number | null;
  next_renewal_date: string | null;
  csm_user_id: string | null;
  ae_user_id: string | null;
};

export interface AlertFilter {
  types: AlertType[];
  severities: AlertSeverity[];
  statuses: AlertStatus[];
  client_id: string | null;
  page: number;
  limit: number;
}

/** Severity, then what is at stake (ARR), then how soon the renewal, then newest. */
const ORDER: SQL[] = [
  asc(sql`CASE ${clientAlerts.severity} WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END`),
  desc(sql`coalesce(${clients.annual_recurring_revenue}, 0)`),
  asc(sql`coalesce(${clients.next_renewal_date}, '9999-12-31')`),
  desc(clientAlerts.created_at),
  asc(clientAlerts.id),
];

/** A flat page of alerts in priority order (the API's default view). */
export async function listAlerts(db: Db, scope: ClientScope, f: AlertFilter, nowIso: string) {
  const where = filterCondition(scope, f, nowIso);
  const [count, rows] = await db.batch([
    db
      .select({ n: sql<number>`count(*)` })
      .from(clientAlerts)
      .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
      .where(where),
    db
      .select(fields)
      .from(clientAlerts)
      .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
      .where(where)
      .orderBy(...ORDER)
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
  ]);
  return { total: count[0]?.n ?? 0, rows: rows as AlertWithClient[] };
}

export async function findAlertInScope(db: Db, scope: ClientScope, id: string): Promise<AlertWithClient | undefined> {
  const [row] = await db
    .select(fields)
    .from(clientAlerts)
    .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
    .where(and(eq(clientAlerts.id, id), scopeCondition(scope)))
    .limit(1);
  return row as AlertWithClient | undefined;
}

/** The alerts among `ids` the user may see, with their status. */
export async function alertsInScope(db: Db, scope: ClientScope, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: clientAlerts.id, status: clientAlerts.status, client_id: clientAlerts.client_id })
    .from(clientAlerts)
    .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
    .where(
      and(sql`${clientAlerts.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`, scopeCondition(scope)),
    );
}

export async function deliveriesFor(db: Db, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  return db
    .select()
    .from(alertDeliveries)
    .where(sql`${alertDeliveries.alert_id} IN (SELECT value FROM json_each(${JSON.stringify(alertIds)}))`)
    .orderBy(asc(alertDeliveries.at), asc(alertDeliveries.attempt));
}

/** Alerts still to be pushed to the live streams (the outbox), oldest first. */
export async function streamPending(db: Db, limit: number): Promise<AlertWithClient[]> {
  return (await db
    .select(fields)
    .from(clientAlerts)
    .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
    .where(eq(clientAlerts.stream_pending, true))
    .orderBy(asc(clientAlerts.updated_at))
    .limit(limit)) as AlertWithClient[];
}

export async function deliveryPending(db: Db, limit: number): Promise<AlertWithClient[]> {
  return (await db
    .select(fields)
    .from(clientAlerts)
    .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
    .where(eq(clientAlerts.delivery_pending, true))
    .orderBy(asc(clientAlerts.updated_at))
    .limit(limit)) as AlertWithClient[];
}

export async function logDelivery(
  db: Db,
  d: {
    alert_id: string;
    channel: "email" | "slack";
    attempt: number;
    status: (typeof alertDeliveries.$inferInsert)["status"];
    http_status?: number | null;
    detail?: string | null;
    at: string;
  },
) {
  await db.insert(alertDeliveries).values({ id: crypto.randomUUID(), http_status: null, detail: null, ...d });
}

/** A client's open alerts, newest first (what a client summary must agree with). */
export async function openAlertsOf(db: Db, clientId: string) {
  return db
    .select({
      id: clientAlerts.id,
      type: clientAlerts.alert_type,
      severity: clientAlerts.severity,
      title: clientAlerts.title,
    })
    .from(clientAlerts)
    .where(and(eq(clientAlerts.client_id, clientId), inArray(clientAlerts.status, OPEN_STATUSES)))
    .orderBy(desc(clientAlerts.created_at));
}
