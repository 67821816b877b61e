import { analyzeAlert } from "../../core/alerts/alert-analysis";
import { causeKey } from "../../core/alerts/alert-causes";
import { reconcileAlerts } from "../../core/alerts/alert-reconcile";
import { evaluateAlertRules } from "../../core/alerts/alert-rules";
import { isoDate } from "../../core/dates";
import { ALERT_TYPES } from "../../core/enums";
import type { Db } from "../../db/client";
import { loadAlertBatch } from "../../db/queries/alert-inputs";
import { settingsByClient } from "../../db/queries/alert-settings";

// Runs the alert rules for a set of clients and writes what changed: new alerts (with their
// analysis and recommended action, flagged for the live streams and for delivery), cleared
// conditions resolved with a note, ended snoozes back to new. Called after every recalculation,
// so an alert exists within seconds of the data that triggers it.

const BATCH = 100;

export interface AlertEvaluation { created: number; resolved: number; unsnoozed: number }

export async function evaluateAlerts(db: Db, clientIds: string[], now: Date): Promise<AlertEvaluation> {
  const total: AlertEvaluation = { created: 0, resolved: 0, unsnoozed: 0 };
  const today = isoDate(now);
  const stamp = now.toISOString();
  for (let i = 0; i < clientIds.length; i += BATCH) {
    const ids = clientIds.slice(i, i + BATCH);
    const [batch, settingsOf] = await Promise.all([loadAlertBatch(db, ids, today), settingsByClient(db, ids)]);
    const d1 = db.$client;
    const statements: D1PreparedStatement[] = [];
    for (const [clientId, inputs] of batch.inputs) {
      const settings = settingsOf(clientId);
      const candidates = evaluateAlertRules(inputs, settings, today);
      const disabled = new Set(ALERT_TYPES.filter((t) => !settings.types[t].enabled));
      const plan = reconcileAlerts(batch.existing.get(clientId) ?? [], candidates, disabled, stamp);
      const ctx = batch.context.get(clientId)!;
      for (const c of plan.create) {
        const { analysis, recommended_action } = analyzeAlert(c, ctx);
        // DO NOTHING on a uniqueness conflict only: the index on open conditions makes a concurrent
        // evaluation a no-op, while any other constraint failure still raises.
        statements.push(
          d1
            .prepare(
              `INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, trigger_metric, trigger_value, trigger_threshold,
                related_entity_type, related_entity_id, ai_analysis, ai_recommended_action, status, dedup_key, cause_key, stream_pending, delivery_pending, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?, 1, 1, ?, ?) ON CONFLICT DO NOTHING`,
            )
            .bind(crypto.randomUUID(), clientId, c.alert_type, c.severity, c.title, c.description, c.trigger_metric, c.trigger_value, c.trigger_threshold, c.related_entity_type, c.related_entity_id, analysis, recommended_action, c.dedup_key, causeKey(c), stamp, stamp),
        );
      }
      for (const r of plan.resolve) {
        statements.push(d1.prepare(`UPDATE client_alerts SET status = 'RESOLVED', resolved_at = ?, resolution_notes = ?, stream_pending = 1, updated_at = ? WHERE id = ? AND status IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED')`).bind(stamp, r.note, stamp, r.id));
      }
      for (const id of plan.unsnooze) {
        statements.push(d1.prepare(`UPDATE client_alerts SET status = 'NEW', snoozed_until = NULL, stream_pending = 1, delivery_pending = 1, updated_at = ? WHERE id = ? AND status = 'SNOOZED'`).bind(stamp, id));
      }
      for (const id of plan.forget) statements.push(d1.prepare(`UPDATE client_alerts SET condition_cleared_at = ?, updated_at = ? WHERE id = ?`).bind(stamp, stamp, id));
      total.created += plan.create.length;
      total.resolved += plan.resolve.length;
      total.unsnoozed += plan.unsnooze.length;
    }
    if (statements.length) await d1.batch(statements);
  }
  return total;
}
