import { and, eq, inArray, sql } from "drizzle-orm";
import { clientScopeFor } from "../../core/access-policy";
import { isoDate } from "../../core/dates";
import { AppError } from "../../core/errors";
import type { AlertStatus } from "../../core/enums";
import type { Db } from "../../db/client";
import { deliveriesFor, findAlertInScope, listAlerts, unreadAlerts, type AlertFilter } from "../../db/queries/alerts";
import type { EthicoUserRow } from "../../db/queries/users";
import { clientAlerts } from "../../db/schema";
import { recordAudit } from "../audit";
import { clientInScope } from "../client-access";
import { toApiAlert } from "./alert-view";

// The alert workflow (PRD Alert Endpoints, F8 actions): list, acknowledge, snooze for a day or
// a week, dismiss (the same event does not alert again), resolve with notes. Every change is
// flagged for the live streams so every open tab sees it.

const OPEN: AlertStatus[] = ["NEW", "ACKNOWLEDGED", "SNOOZED"];

export async function getAlerts(db: Db, user: EthicoUserRow, f: AlertFilter, now: Date) {
  const { total, rows } = await listAlerts(db, clientScopeFor(user), f);
  const deliveries = await deliveriesFor(db, rows.map((r) => r.alert.id));
  const today = isoDate(now);
  await recordAudit(db, { user, action: "list", resourceType: "alert", outcome: "SUCCESS", details: { returned: rows.length, total } });
  return {
    data: rows.map((r) => ({ ...toApiAlert(r, today), deliveries: deliveries.filter((d) => d.alert_id === r.alert.id).map(({ alert_id: _a, ...d }) => d) })),
    pagination: { page: f.page, limit: f.limit, total, pages: Math.ceil(total / f.limit) },
  };
}

export async function getClientAlerts(db: Db, user: EthicoUserRow, clientId: string, f: AlertFilter, now: Date) {
  const client = await clientInScope(db, user, clientId, { action: "list", resourceType: "alert" });
  return getAlerts(db, user, { ...f, client_id: client.id }, now);
}

export async function unreadAlertCount(db: Db, user: EthicoUserRow) {
  return unreadAlerts(db, clientScopeFor(user));
}

export type AlertAction = { kind: "acknowledge" } | { kind: "snooze"; duration: "1d" | "1w" } | { kind: "dismiss" } | { kind: "resolve"; notes: string | null };

/** Which statuses each action may start from: a closed alert stays closed. */
const FROM: Record<AlertAction["kind"], AlertStatus[]> = { acknowledge: ["NEW", "SNOOZED"], snooze: OPEN, dismiss: OPEN, resolve: OPEN };

export async function changeAlert(db: Db, user: EthicoUserRow, alertId: string, action: AlertAction, now: Date) {
  const found = await findAlertInScope(db, clientScopeFor(user), alertId);
  if (!found) {
    await recordAudit(db, { user, action: action.kind, resourceType: "alert", resourceId: alertId, outcome: "NOT_FOUND", statusCode: 404 });
    throw new AppError("NOT_FOUND", "Alert not found");
  }
  const a = found.alert;
  if (!FROM[action.kind].includes(a.status)) throw new AppError("CONFLICT", `The alert is ${a.status.toLowerCase()}; it cannot be ${action.kind === "snooze" ? "snoozed" : `${action.kind}d`}`, { status: a.status });
  const stamp = now.toISOString();
  const set: Partial<typeof clientAlerts.$inferInsert> = { updated_at: stamp, stream_pending: true };
  if (action.kind === "acknowledge") Object.assign(set, { status: "ACKNOWLEDGED", acknowledged_at: a.acknowledged_at ?? stamp, acknowledged_by_id: a.acknowledged_by_id ?? user.id, snoozed_until: null });
  if (action.kind === "snooze") Object.assign(set, { status: "SNOOZED", snoozed_until: new Date(now.getTime() + (action.duration === "1d" ? 1 : 7) * 86_400_000).toISOString() });
  if (action.kind === "dismiss") Object.assign(set, { status: "DISMISSED", dismissed_at: stamp, dismissed_by_id: user.id, condition_cleared_at: null });
  if (action.kind === "resolve") Object.assign(set, { status: "RESOLVED", resolved_at: stamp, resolution_notes: action.notes });
  // Response time counts from creation to the first human look, whatever that look was.
  if (action.kind !== "acknowledge" && !a.acknowledged_at) Object.assign(set, { acknowledged_at: stamp, acknowledged_by_id: user.id });
  // Compare-and-set on the status it was read with: of parallel changes to one alert, one lands
  // and the others get a 409 naming the status it now has (never a 200 for a change not made).
  const res = await db.update(clientAlerts).set(set).where(and(eq(clientAlerts.id, a.id), eq(clientAlerts.status, a.status)));
  if ((res.meta.changes ?? 0) === 0) {
    const now_ = await findAlertInScope(db, clientScopeFor(user), a.id);
    throw new AppError("CONFLICT", `The alert was changed by someone else (it is now ${String(now_?.alert.status ?? "gone").toLowerCase()}); reload it`, { status: now_?.alert.status ?? null });
  }
  await recordAudit(db, { user, action: action.kind, resourceType: "alert", resourceId: a.id, outcome: "SUCCESS", details: action.kind === "snooze" ? { duration: action.duration } : null });
  const updated = await findAlertInScope(db, clientScopeFor(user), a.id);
  return toApiAlert(updated!, isoDate(now));
}

/** Logging an activity for a client acknowledges its new and snoozed alerts (PRD F8 "Log activity (acknowledges alert)"). */
export async function acknowledgeClientAlerts(db: Db, user: EthicoUserRow, clientId: string, now: Date): Promise<number> {
  const stamp = now.toISOString();
  const res = await db
    .update(clientAlerts)
    .set({ status: "ACKNOWLEDGED", acknowledged_at: sql`coalesce(${clientAlerts.acknowledged_at}, ${stamp})`, acknowledged_by_id: sql`coalesce(${clientAlerts.acknowledged_by_id}, ${user.id})`, snoozed_until: null, stream_pending: true, updated_at: stamp })
    .where(and(eq(clientAlerts.client_id, clientId), inArray(clientAlerts.status, ["NEW", "SNOOZED"])));
  return res.meta.changes ?? 0;
}
