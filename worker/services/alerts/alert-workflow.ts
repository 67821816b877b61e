import { clientScopeFor } from "#worker/core/access-policy";
import { isoDate } from "#worker/core/dates";
import type { AlertStatus } from "#worker/core/enums";
import { AppError } from "#worker/core/errors";
import { zonedToUtc, zoneOr } from "#worker/core/time-zone";
import type { Db } from "#worker/db/client";
import { clientsWithAlerts, listAlertCards, openAlertCount } from "#worker/db/queries/alert-inbox";
import {
  acknowledgeOpenAlertsOf,
  type AlertChange,
  changeAlertIfStatus,
  changeAlertsWithAudit,
  firstLookSet,
} from "#worker/db/queries/alert-writes";
import {
  type AlertFilter,
  alertsInScope,
  deliveriesFor,
  findAlertInScope,
  listAlerts,
} from "#worker/db/queries/alerts";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { AppContext, RequestContext } from "#worker/request-context";
import { recordAudit } from "#worker/services/audit";
import { clientInScope } from "#worker/services/client-access";

import { toApiAlert } from "./alert-view";
import { dispatchAlerts } from "./dispatch-alerts";

// The alert workflow (PRD Alert Endpoints, F8 actions): list, acknowledge, snooze for a day or
// a week, dismiss (the same event does not alert again), resolve with notes. Every change is
// flagged for the live streams so every open tab sees it.

const OPEN: AlertStatus[] = ["NEW", "ACKNOWLEDGED", "SNOOZED"];
/** Snoozes end within this; longer is a dismissal in disguise. */
const MAX_SNOOZE_MS = 90 * 86_400_000;

export type AlertListQuery = AlertFilter & { group?: "client" | null };

/**
 * A page of alerts. Grouped by client, a page holds cards (one per client and cause, every alert
 * of the card included) and the total counts cards: the same open count as the bell.
 */
export async function getAlerts(db: Db, user: EthicoUserRow, f: AlertListQuery, now: Date) {
  const nowIso = now.toISOString();
  const { total, rows } =
    f.group === "client"
      ? await listAlertCards(db, clientScopeFor(user), f, nowIso)
      : await listAlerts(db, clientScopeFor(user), f, nowIso);
  const deliveries = await deliveriesFor(
    db,
    rows.map((r) => r.alert.id),
  );
  const today = isoDate(now);
  await recordAudit(db, {
    user,
    action: "list",
    resourceType: "alert",
    outcome: "SUCCESS",
    details: { returned: rows.length, total },
  });
  return {
    data: rows.map((r) => ({
      ...toApiAlert(r, today, nowIso),
      deliveries: deliveries.filter((d) => d.alert_id === r.alert.id).map(({ alert_id: _a, ...d }) => d),
    })),
    pagination: { page: f.page, limit: f.limit, total, pages: Math.ceil(total / f.limit) },
  };
}

export async function getClientAlerts(db: Db, user: EthicoUserRow, clientId: string, f: AlertListQuery, now: Date) {
  const client = await clientInScope(db, user, clientId, { action: "list", resourceType: "alert" });
  return getAlerts(db, user, { ...f, client_id: client.id }, now);
}

/** The open count shown by the bell, the inbox and its title (core/alerts/alert-causes). */
export async function unreadAlertCount(db: Db, user: EthicoUserRow, now: Date = new Date()) {
  return openAlertCount(db, clientScopeFor(user), now.toISOString());
}

export type SnoozeSpec = { duration: "1d" | "1w" } | { until: string };
export type AlertAction =
  | { kind: "acknowledge" }
  | ({ kind: "snooze" } & SnoozeSpec)
  | { kind: "dismiss" }
  | { kind: "resolve"; notes: string | null };

/** Which statuses each action may start from: a closed alert stays closed. */
const FROM: Record<AlertAction["kind"], AlertStatus[]> = {
  acknowledge: ["NEW", "SNOOZED"],
  snooze: OPEN,
  dismiss: OPEN,
  resolve: OPEN,
};

/** A snooze body as a spec: a date means the start of that day in the given zone (UTC unless given). */
export function snoozeSpec(b: { duration?: "1d" | "1w"; until?: string; time_zone?: string }): SnoozeSpec {
  if (b.duration) return { duration: b.duration };
  const until = b.until ?? "";
  return { until: until.length === 10 ? (zonedToUtc(until, zoneOr(b.time_zone)) ?? until) : until };
}

/** When a snooze ends: a day or a week from now, or the given instant (in the future, within 90 days). */
export function snoozeEnd(spec: SnoozeSpec, now: Date): string {
  if ("duration" in spec) return new Date(now.getTime() + (spec.duration === "1d" ? 1 : 7) * 86_400_000).toISOString();
  const t = Date.parse(spec.until);
  if (!(t > now.getTime()))
    throw new AppError("UNPROCESSABLE", "The snooze must end in the future", [
      { field: "until", message: "must be after now" },
    ]);
  if (t - now.getTime() > MAX_SNOOZE_MS)
    throw new AppError("UNPROCESSABLE", "A snooze ends within 90 days; dismiss the alert instead", [
      { field: "until", message: "must be within 90 days" },
    ]);
  return new Date(t).toISOString();
}

/** The columns an action sets on an alert that is in `status` (and may have been looked at before). */
function changeSet(action: AlertAction, user: EthicoUserRow, now: Date): AlertChange {
  const stamp = now.toISOString();
  // Any action is the first look when none came before (response time counts up to it).
  const set: AlertChange = { updated_at: stamp, stream_pending: true, ...firstLookSet(stamp, user.id) };
  if (action.kind === "acknowledge") Object.assign(set, { status: "ACKNOWLEDGED", snoozed_until: null });
  if (action.kind === "snooze") Object.assign(set, { status: "SNOOZED", snoozed_until: snoozeEnd(action, now) });
  if (action.kind === "dismiss")
    Object.assign(set, {
      status: "DISMISSED",
      dismissed_at: stamp,
      dismissed_by_id: user.id,
      condition_cleared_at: null,
    });
  if (action.kind === "resolve")
    Object.assign(set, { status: "RESOLVED", resolved_at: stamp, resolution_notes: action.notes });
  return set;
}

const auditDetails = (action: AlertAction, set: AlertChange) =>
  action.kind === "snooze"
    ? { ...("duration" in action ? { duration: action.duration } : {}), snoozed_until: set.snoozed_until }
    : null;

/** A change to alerts reaches every open tab right after the answer (the cron catches any failure). */
const dispatchSoon = (ctx: AppContext) =>
  ctx.defer(dispatchAlerts(ctx.env, ctx.db, ctx.now), "follow-up:alerts-changed");

export async function changeAlert(ctx: RequestContext, alertId: string, action: AlertAction) {
  const { db, user, now } = ctx;
  const found = await findAlertInScope(db, clientScopeFor(user), alertId);
  if (!found) {
    await recordAudit(db, {
      user,
      action: action.kind,
      resourceType: "alert",
      resourceId: alertId,
      outcome: "NOT_FOUND",
      statusCode: 404,
    });
    throw new AppError("NOT_FOUND", "Alert not found");
  }
  const a = found.alert;
  if (!FROM[action.kind].includes(a.status))
    throw new AppError(
      "CONFLICT",
      `The alert is ${a.status.toLowerCase()}; it cannot be ${action.kind === "snooze" ? "snoozed" : `${action.kind}d`}`,
      { status: a.status },
    );
  const set = changeSet(action, user, now);
  // Compare-and-set on the status it was read with: of parallel changes to one alert, one lands
  // and the others get a 409 naming the status it now has (never a 200 for a change not made).
  if ((await changeAlertIfStatus(db, a.id, a.status, set)) === 0) {
    const now_ = await findAlertInScope(db, clientScopeFor(user), a.id);
    throw new AppError(
      "CONFLICT",
      `The alert was changed by someone else (it is now ${String(now_?.alert.status ?? "gone").toLowerCase()}); reload it`,
      { status: now_?.alert.status ?? null },
    );
  }
  await recordAudit(db, {
    user,
    action: action.kind,
    resourceType: "alert",
    resourceId: a.id,
    outcome: "SUCCESS",
    details: auditDetails(action, set),
  });
  const updated = await findAlertInScope(db, clientScopeFor(user), a.id);
  dispatchSoon(ctx);
  return toApiAlert(updated!, isoDate(now), now.toISOString());
}

/**
 * One action on a selection (the inbox's checkboxes, a whole client's card stack): every alert
 * that can take it changes in one statement, each with its audit row; the others are reported
 * with the reason, and nothing else changes.
 */
export async function bulkChangeAlerts(ctx: RequestContext, alertIds: string[], action: AlertAction) {
  const { db, user, now } = ctx;
  const ids = [...new Set(alertIds)];
  const set = changeSet(action, user, now);
  const found = await alertsInScope(db, clientScopeFor(user), ids);
  const byId = new Map(found.map((a) => [a.id, a]));
  const skipped: { id: string; reason: "not_found" | "closed"; status?: AlertStatus }[] = [];
  const eligible: string[] = [];
  for (const id of ids) {
    const a = byId.get(id);
    if (!a) skipped.push({ id, reason: "not_found" });
    else if (!FROM[action.kind].includes(a.status)) skipped.push({ id, reason: "closed", status: a.status });
    else eligible.push(id);
  }
  if (eligible.length) {
    const details = auditDetails(action, set);
    await changeAlertsWithAudit(
      db,
      eligible,
      FROM[action.kind],
      set,
      eligible.map((id) => ({
        id: crypto.randomUUID(),
        at: now.toISOString(),
        user_id: user.id,
        user_email: user.email,
        action: action.kind,
        resource_type: "alert",
        resource_id: id,
        outcome: "SUCCESS" as const,
        status_code: null,
        details: { ...details, bulk: true },
      })),
    );
  }
  if (skipped.some((s) => s.reason === "not_found")) {
    await recordAudit(db, {
      user,
      action: action.kind,
      resourceType: "alert",
      outcome: "NOT_FOUND",
      statusCode: 404,
      details: { ids: skipped.filter((s) => s.reason === "not_found").map((s) => s.id) },
    });
    // None of them is the user's to see: as for one alert, not found (nothing revealed).
    if (found.length === 0) throw new AppError("NOT_FOUND", "Alert not found", { ids: skipped.map((s) => s.id) });
  }
  dispatchSoon(ctx);
  return {
    action: action.kind,
    updated: eligible,
    skipped,
    ...(action.kind === "snooze" ? { snoozed_until: set.snoozed_until } : {}),
  };
}

/** Logging an activity for a client acknowledges its new and snoozed alerts (PRD F8 "Log activity (acknowledges alert)"). */
export async function acknowledgeClientAlerts(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  now: Date,
): Promise<number> {
  return acknowledgeOpenAlertsOf(db, clientId, user.id, now.toISOString());
}

export async function alertClientChoices(db: Db, user: EthicoUserRow) {
  return clientsWithAlerts(db, clientScopeFor(user));
}
