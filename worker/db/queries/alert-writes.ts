import { and, eq, inArray, sql } from "drizzle-orm";

import type { AlertCandidate } from "#worker/core/alerts/alert-rules";
import type { AlertStatus } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { auditLog, clientAlerts } from "#worker/db/schema";

// Every write to client_alerts: the workflow's actions (compare-and-set on the status read),
// the outbox flags the dispatcher clears, and what an evaluation creates, resolves or reopens.

export type AlertChange = Partial<typeof clientAlerts.$inferInsert>;
export type AuditInsert = typeof auditLog.$inferInsert;

/**
 * Response time counts from creation to the first human action, whatever that action was:
 * coalesce keeps the first one.
 */
export function firstLookSet(stamp: string, userId: string): AlertChange {
  return {
    acknowledged_at: sql`coalesce(${clientAlerts.acknowledged_at}, ${stamp})`,
    acknowledged_by_id: sql`coalesce(${clientAlerts.acknowledged_by_id}, ${userId})`,
  } as unknown as AlertChange;
}

/** Applies `set` only while the alert still has `status`; returns the rows changed (0 or 1). */
export async function changeAlertIfStatus(db: Db, id: string, status: AlertStatus, set: AlertChange): Promise<number> {
  const res = await db
    .update(clientAlerts)
    .set(set)
    .where(and(eq(clientAlerts.id, id), eq(clientAlerts.status, status)));
  return res.meta.changes ?? 0;
}

/** One statement for every alert still in `from`, and their audit rows, in one batch. */
export async function changeAlertsWithAudit(
  db: Db,
  ids: string[],
  from: AlertStatus[],
  set: AlertChange,
  audit: AuditInsert[],
): Promise<void> {
  const inIds = sql`${clientAlerts.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  await db.batch([
    db
      .update(clientAlerts)
      .set(set)
      .where(and(inIds, inArray(clientAlerts.status, from))),
    ...auditInserts(db, audit),
  ]);
}

/** Audit rows, a few per statement (D1 binds at most 100 parameters). */
function auditInserts(db: Db, rows: AuditInsert[]) {
  const out = [];
  for (let i = 0; i < rows.length; i += 9) out.push(db.insert(auditLog).values(rows.slice(i, i + 9)));
  return out;
}

/** The client's new and snoozed alerts become acknowledged (first look kept); returns how many. */
export async function acknowledgeOpenAlertsOf(
  db: Db,
  clientId: string,
  userId: string,
  stamp: string,
): Promise<number> {
  const res = await db
    .update(clientAlerts)
    .set({
      status: "ACKNOWLEDGED",
      acknowledged_at: sql`coalesce(${clientAlerts.acknowledged_at}, ${stamp})`,
      acknowledged_by_id: sql`coalesce(${clientAlerts.acknowledged_by_id}, ${userId})`,
      snoozed_until: null,
      stream_pending: true,
      updated_at: stamp,
    })
    .where(and(eq(clientAlerts.client_id, clientId), inArray(clientAlerts.status, ["NEW", "SNOOZED"])));
  return res.meta.changes ?? 0;
}

/** Outbox flags are cleared only if the alert did not change since it was read (same updated_at). */
export async function clearStreamPending(db: Db, id: string, updatedAt: string): Promise<void> {
  await db
    .update(clientAlerts)
    .set({ stream_pending: false })
    .where(and(eq(clientAlerts.id, id), eq(clientAlerts.updated_at, updatedAt)));
}

export async function clearDeliveryPending(db: Db, id: string, updatedAt: string): Promise<void> {
  await db
    .update(clientAlerts)
    .set({ delivery_pending: false })
    .where(and(eq(clientAlerts.id, id), eq(clientAlerts.updated_at, updatedAt)));
}

/** A reworded analysis; updated_at is left alone so the outbox flags stay as they are. */
export async function setAlertAnalysis(db: Db, id: string, text: string): Promise<void> {
  await db.update(clientAlerts).set({ ai_analysis: text }).where(eq(clientAlerts.id, id));
}

/** What one evaluation writes, in the order it decided it. */
export type AlertWrite =
  | {
      kind: "create";
      client_id: string;
      alert: AlertCandidate;
      analysis: string;
      recommended_action: string;
      cause_key: string;
    }
  | { kind: "resolve"; id: string; note: string }
  | { kind: "unsnooze"; id: string }
  | { kind: "forget"; id: string };

/** An evaluation's writes as one D1 batch (one transaction), raw statements in the order given. */
export async function applyAlertWrites(db: Db, writes: AlertWrite[], stamp: string): Promise<void> {
  const d1 = db.$client;
  const statements = writes.map((w) => {
    // DO NOTHING on a uniqueness conflict only: the index on open conditions makes a concurrent
    // evaluation a no-op, while any other constraint failure still raises.
    if (w.kind === "create") {
      const c = w.alert;
      return d1
        .prepare(
          `INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, trigger_metric, trigger_value, trigger_threshold,
                related_entity_type, related_entity_id, ai_analysis, ai_recommended_action, status, dedup_key, cause_key, stream_pending, delivery_pending, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?, 1, 1, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .bind(
          crypto.randomUUID(),
          w.client_id,
          c.alert_type,
          c.severity,
          c.title,
          c.description,
          c.trigger_metric,
          c.trigger_value,
          c.trigger_threshold,
          c.related_entity_type,
          c.related_entity_id,
          w.analysis,
          w.recommended_action,
          c.dedup_key,
          w.cause_key,
          stamp,
          stamp,
        );
    }
    if (w.kind === "resolve")
      return d1
        .prepare(
          `UPDATE client_alerts SET status = 'RESOLVED', resolved_at = ?, resolution_notes = ?, stream_pending = 1, updated_at = ? WHERE id = ? AND status IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED')`,
        )
        .bind(stamp, w.note, stamp, w.id);
    if (w.kind === "unsnooze")
      return d1
        .prepare(
          `UPDATE client_alerts SET status = 'NEW', snoozed_until = NULL, stream_pending = 1, delivery_pending = 1, updated_at = ? WHERE id = ? AND status = 'SNOOZED'`,
        )
        .bind(stamp, w.id);
    return d1
      .prepare(`UPDATE client_alerts SET condition_cleared_at = ?, updated_at = ? WHERE id = ?`)
      .bind(stamp, stamp, w.id);
  });
  if (statements.length) await d1.batch(statements);
}
