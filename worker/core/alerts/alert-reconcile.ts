import type { AlertStatus, AlertType } from "#worker/core/enums";

import type { AlertCandidate } from "./alert-rules";

// One open alert per condition, cleared conditions resolved, dismissed events kept quiet: what
// an evaluation changes, given the client's alerts so far and the rules' candidates now.

export interface ExistingAlert {
  id: string;
  alert_type: AlertType;
  dedup_key: string | null;
  status: AlertStatus;
  snoozed_until: string | null;
  condition_cleared_at: string | null;
}

export interface ReconcilePlan {
  create: AlertCandidate[];
  /** Open alerts whose condition no longer holds (or whose type was turned off), with the note. */
  resolve: { id: string; note: string }[];
  /** Open alerts whose condition still holds: their figures are refreshed, nobody is notified again. */
  refresh: { id: string; candidate: AlertCandidate }[];
  /** Snoozes that ended: the alert is new again and notified again. */
  unsnooze: string[];
  /** Dismissed events whose condition cleared: a recurrence is a new event and alerts again. */
  forget: string[];
}

const OPEN: ReadonlySet<AlertStatus> = new Set(["NEW", "ACKNOWLEDGED", "SNOOZED"]);

export function reconcileAlerts(
  existing: ExistingAlert[],
  candidates: AlertCandidate[],
  disabled: ReadonlySet<AlertType>,
  nowIso: string,
): ReconcilePlan {
  const plan: ReconcilePlan = { create: [], resolve: [], refresh: [], unsnooze: [], forget: [] };
  const wanted = new Map(candidates.map((c) => [c.dedup_key, c]));
  const open = new Map<string, ExistingAlert>();
  const quiet = new Set<string>();
  for (const a of existing) {
    if (!a.dedup_key) continue;
    if (OPEN.has(a.status)) open.set(a.dedup_key, a);
    else if (a.status === "DISMISSED" && !a.condition_cleared_at) quiet.add(a.dedup_key);
  }
  for (const a of existing) {
    if (!a.dedup_key) continue;
    const still = wanted.get(a.dedup_key);
    if (OPEN.has(a.status)) {
      if (disabled.has(a.alert_type))
        plan.resolve.push({
          id: a.id,
          note: "Resolved automatically: this alert type was turned off in the alert settings.",
        });
      else if (!still) plan.resolve.push({ id: a.id, note: "Resolved automatically: the condition no longer holds." });
      else {
        plan.refresh.push({ id: a.id, candidate: still });
        if (a.status === "SNOOZED" && a.snoozed_until && a.snoozed_until <= nowIso) plan.unsnooze.push(a.id);
      }
    } else if (a.status === "DISMISSED" && !a.condition_cleared_at && !still) {
      plan.forget.push(a.id);
    }
  }
  for (const c of candidates) if (!open.has(c.dedup_key) && !quiet.has(c.dedup_key)) plan.create.push(c);
  return plan;
}
