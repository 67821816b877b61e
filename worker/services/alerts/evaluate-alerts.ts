import { analyzeAlert } from "#worker/core/alerts/alert-analysis";
import { causeKey } from "#worker/core/alerts/alert-causes";
import { reconcileAlerts } from "#worker/core/alerts/alert-reconcile";
import { evaluateAlertRules } from "#worker/core/alerts/alert-rules";
import { isoDate } from "#worker/core/dates";
import { ALERT_TYPES } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { loadAlertBatch } from "#worker/db/queries/alert-inputs";
import { settingsByClient } from "#worker/db/queries/alert-settings";
import { type AlertWrite, applyAlertWrites } from "#worker/db/queries/alert-writes";

// Runs the alert rules for a set of clients and writes what changed: new alerts (with their
// analysis and recommended action, flagged for the live streams and for delivery), cleared
// conditions resolved with a note, ended snoozes back to new. Called after every recalculation,
// so an alert exists within seconds of the data that triggers it.

const BATCH = 100;

export interface AlertEvaluation {
  created: number;
  resolved: number;
  unsnoozed: number;
}

export async function evaluateAlerts(db: Db, clientIds: string[], now: Date): Promise<AlertEvaluation> {
  const total: AlertEvaluation = { created: 0, resolved: 0, unsnoozed: 0 };
  const today = isoDate(now);
  const stamp = now.toISOString();
  for (let i = 0; i < clientIds.length; i += BATCH) {
    const ids = clientIds.slice(i, i + BATCH);
    const [batch, settingsOf] = await Promise.all([loadAlertBatch(db, ids, today), settingsByClient(db, ids)]);
    const writes: AlertWrite[] = [];
    for (const [clientId, inputs] of batch.inputs) {
      const settings = settingsOf(clientId);
      const candidates = evaluateAlertRules(inputs, settings, today);
      const disabled = new Set(ALERT_TYPES.filter((t) => !settings.types[t].enabled));
      const plan = reconcileAlerts(batch.existing.get(clientId) ?? [], candidates, disabled, stamp);
      const ctx = batch.context.get(clientId)!;
      for (const c of plan.create) {
        const { analysis, recommended_action } = analyzeAlert(c, ctx);
        writes.push({
          kind: "create",
          client_id: clientId,
          alert: c,
          analysis,
          recommended_action,
          cause_key: causeKey(c),
        });
      }
      for (const r of plan.resolve) writes.push({ kind: "resolve", id: r.id, note: r.note });
      for (const id of plan.unsnooze) writes.push({ kind: "unsnooze", id });
      for (const id of plan.forget) writes.push({ kind: "forget", id });
      total.created += plan.create.length;
      total.resolved += plan.resolve.length;
      total.unsnoozed += plan.unsnooze.length;
    }
    // One D1 batch per chunk of clients: its writes land together or not at all.
    await applyAlertWrites(db, writes, stamp);
  }
  return total;
}
