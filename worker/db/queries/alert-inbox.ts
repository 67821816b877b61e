import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";

import type { ClientScope } from "#worker/core/access-policy";
import { OPEN_STATUSES } from "#worker/core/alerts/alert-causes";
import type { AlertStatus } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";
import { clientAlerts, clients } from "#worker/db/schema";

import type { AlertFilter, AlertWithClient } from "./alerts";
import { scopeCondition } from "./clients";

// The inbox's reads: statuses as they are at `now` (an ended snooze is new again before the
// hourly job writes it back), cards (one per client and cause), and the one open count that the
// bell, the list and the page title all show (core/alerts/alert-causes).

/** SQL for core's effectiveStatus(): a status filter on what the user sees now. */
export function statusCondition(statuses: readonly AlertStatus[], nowIso: string): SQL | undefined {
  if (statuses.length === 0) return undefined;
  const woke = and(
    eq(clientAlerts.status, "SNOOZED"),
    sql`(${clientAlerts.snoozed_until} IS NULL OR ${clientAlerts.snoozed_until} <= ${nowIso})`,
  );
  const parts: SQL[] = [];
  const plain = statuses.filter((s) => s !== "SNOOZED");
  if (plain.length) parts.push(inArray(clientAlerts.status, plain));
  if (statuses.includes("NEW")) parts.push(woke!);
  if (statuses.includes("SNOOZED"))
    parts.push(and(eq(clientAlerts.status, "SNOOZED"), sql`${clientAlerts.snoozed_until} > ${nowIso}`)!);
  return or(...parts);
}

export const cardKeySql = sql`coalesce(${clientAlerts.cause_key}, 'alert:' || ${clientAlerts.id})`;

export function filterCondition(scope: ClientScope, f: AlertFilter, nowIso: string): SQL | undefined {
  return and(
    scopeCondition(scope),
    f.types.length ? inArray(clientAlerts.alert_type, f.types) : undefined,
    f.severities.length ? inArray(clientAlerts.severity, f.severities) : undefined,
    statusCondition(f.statuses, nowIso),
    f.client_id ? eq(clientAlerts.client_id, f.client_id) : undefined,
  );
}

const SEVERITY = sql`CASE ${clientAlerts.severity} WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END`;

/**
 * One page of cards, grouped by client: clients by their most severe card, then what is at stake
 * (ARR), then how soon the renewal; inside a client the card with the newest alert first.
 * Returns the page's alerts (every alert of each card that matches the filter) and the card count.
 */
export async function listAlertCards(
  db: Db,
  scope: ClientScope,
  f: AlertFilter,
  nowIso: string,
): Promise<{ total: number; rows: AlertWithClient[] }> {
  const where = filterCondition(scope, f, nowIso) ?? sql`1 = 1`;
  const from = sql`FROM client_alerts INNER JOIN clients ON ${clients.id} = ${clientAlerts.client_id} WHERE ${where}`;
  const [count, page] = await rawBatch(db, [
    sql`SELECT count(*) AS n FROM (SELECT DISTINCT ${clientAlerts.client_id}, ${cardKeySql} ${from})`,
    sql`WITH cards AS (
          SELECT ${clientAlerts.client_id} AS client_id, ${cardKeySql} AS card, min(${SEVERITY}) AS sev, max(${clientAlerts.created_at}) AS newest,
                 max(coalesce(${clients.annual_recurring_revenue}, 0)) AS arr, max(coalesce(${clients.next_renewal_date}, '9999-12-31')) AS renewal
          ${from} GROUP BY 1, 2)
        SELECT client_id, card FROM cards
        ORDER BY min(sev) OVER (PARTITION BY client_id), arr DESC, renewal, client_id, newest DESC, card
        LIMIT ${f.limit} OFFSET ${(f.page - 1) * f.limit}`,
  ]);
  const keys = page!.map((r) => `${String(r.client_id)}|${String(r.card)}`);
  if (keys.length === 0) return { total: Number(count![0]?.n ?? 0), rows: [] };
  const rows = await db
    .select({
      alert: clientAlerts,
      client_name: clients.name,
      arr: clients.annual_recurring_revenue,
      next_renewal_date: clients.next_renewal_date,
      csm_user_id: clients.csm_user_id,
      ae_user_id: clients.ae_user_id,
    })
    .from(clientAlerts)
    .innerJoin(clients, eq(clients.id, clientAlerts.client_id))
    .where(
      and(
        where,
        sql`(${clientAlerts.client_id} || '|' || ${cardKeySql}) IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`,
      ),
    );
  const rank = new Map(keys.map((k, i) => [k, i]));
  const keyOf = (r: AlertWithClient) => `${r.alert.client_id}|${r.alert.cause_key ?? `alert:${r.alert.id}`}`;
  rows.sort(
    (a, b) => rank.get(keyOf(a))! - rank.get(keyOf(b))! || b.alert.created_at.localeCompare(a.alert.created_at),
  );
  return { total: Number(count![0]?.n ?? 0), rows: rows as AlertWithClient[] };
}

/**
 * The open count: open cards in the user's scope (NEW or ACKNOWLEDGED at `now`, ended snoozes
 * included), and the newest open alerts' ids. A book of clients is read from its clients (their
 * CSM or AE index) through CROSS JOIN, never by walking every open alert of the portfolio.
 */
export async function openAlertCount(db: Db, scope: ClientScope, nowIso: string) {
  const open = statusCondition(OPEN_STATUSES, nowIso);
  const [count, ids] =
    scope.kind === "all"
      ? await db.batch([
          db
            .select({ n: sql<number>`count(DISTINCT ${clientAlerts.client_id} || '|' || ${cardKeySql})` })
            .from(clientAlerts)
            .where(open),
          db
            .select({ id: clientAlerts.id })
            .from(clientAlerts)
            .where(open)
            .orderBy(sql`${clientAlerts.created_at} DESC`)
            .limit(200),
        ])
      : await db.batch([
          db
            .select({ n: sql<number>`count(DISTINCT ${clientAlerts.client_id} || '|' || ${cardKeySql})` })
            .from(clients)
            .crossJoin(clientAlerts)
            .where(and(eq(clientAlerts.client_id, clients.id), open, scopeCondition(scope))),
          db
            .select({ id: clientAlerts.id })
            .from(clients)
            .crossJoin(clientAlerts)
            .where(and(eq(clientAlerts.client_id, clients.id), open, scopeCondition(scope)))
            .orderBy(sql`${clientAlerts.created_at} DESC`)
            .limit(200),
        ]);
  return { count: count[0]?.n ?? 0, ids: ids.map((r) => r.id) };
}

/** Ended snoozes back to new (the hourly job): flagged for the live streams and for delivery again. */
export async function wakeSnoozedAlerts(db: Db, nowIso: string): Promise<number> {
  const res = await db
    .update(clientAlerts)
    .set({ status: "NEW", snoozed_until: null, stream_pending: true, delivery_pending: true, updated_at: nowIso })
    .where(and(eq(clientAlerts.status, "SNOOZED"), sql`${clientAlerts.snoozed_until} <= ${nowIso}`));
  return res.meta.changes ?? 0;
}

/** The clients in scope that have alerts (the inbox's client filter), by name. */
export async function clientsWithAlerts(db: Db, scope: ClientScope): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: clients.id, name: clients.name })
    .from(clients)
    .innerJoin(clientAlerts, eq(clientAlerts.client_id, clients.id))
    .where(scopeCondition(scope))
    .orderBy(clients.name)
    .limit(1000);
}
