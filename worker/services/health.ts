import { sql, type SQL } from "drizzle-orm";
import { attentionPriority } from "../core/attention-priority";
import { daysBetween, isoDate } from "../core/dates";
import { resolveHealthConfig } from "../core/health-config";
import { evaluateHealth, type HealthEvaluation } from "../core/health-engine";
import type { Db } from "../db/client";
import { loadHealthBatch } from "../db/queries/health-inputs";
import { rawBatch } from "../db/raw-batch";

// Recalculates clients' health for today: one D1 batch to read, one to write. Writing is an
// upsert of today's snapshot and the client's current state, so running it twice in the same
// hour (or redelivering a queue message) changes nothing.

export const RECALC_BATCH_SIZE = 100;

export interface RecalcResult {
  clientId: string;
  evaluation: HealthEvaluation;
}

export async function recalculateClients(db: Db, clientIds: string[], now: Date): Promise<RecalcResult[]> {
  const results: RecalcResult[] = [];
  for (let i = 0; i < clientIds.length; i += RECALC_BATCH_SIZE) {
    results.push(...(await recalculateBatch(db, clientIds.slice(i, i + RECALC_BATCH_SIZE), now)));
  }
  return results;
}

async function recalculateBatch(db: Db, ids: string[], now: Date): Promise<RecalcResult[]> {
  const today = isoDate(now);
  const stamp = now.toISOString();
  const data = await loadHealthBatch(db, ids, today);
  const writes: SQL[] = [];
  const results: RecalcResult[] = [];
  for (const client of data.clients) {
    const config = resolveHealthConfig(data.configs, client);
    const evaluation = evaluateHealth(data.inputs.get(client.id)!, config, data.score30DaysAgo.get(client.id) ?? null);
    results.push({ clientId: client.id, evaluation });
    const { overall, status, trend, trendChange, components: c } = evaluation;
    const details = JSON.stringify(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.detail])));
    if (overall !== null) {
      writes.push(sql`INSERT INTO client_health_scores (id, client_id, date, overall_score, usage_score, adoption_score, support_score,
          relationship_score, contract_score, outcome_score, weights_version, weights_snapshot, notable_events, component_details, created_at)
        VALUES (${`hs_${client.id}_${today}`}, ${client.id}, ${today}, ${overall}, ${c.usage.score}, ${c.adoption.score}, ${c.support.score},
          ${c.relationship.score}, ${c.contract.score}, ${c.outcome.score}, ${config.id ?? "built-in"}, ${JSON.stringify(config.weights)},
          ${JSON.stringify(data.events.get(client.id) ?? [])}, ${details}, ${stamp})
        ON CONFLICT (client_id, date) DO UPDATE SET overall_score = excluded.overall_score, usage_score = excluded.usage_score,
          adoption_score = excluded.adoption_score, support_score = excluded.support_score, relationship_score = excluded.relationship_score,
          contract_score = excluded.contract_score, outcome_score = excluded.outcome_score, weights_version = excluded.weights_version,
          weights_snapshot = excluded.weights_snapshot, notable_events = excluded.notable_events, component_details = excluded.component_details`);
    }
    const priority = attentionPriority({
      healthScore: overall,
      trendChange,
      churnRisk: client.churn_risk_score,
      arr: client.annual_recurring_revenue,
      daysToRenewal: client.next_renewal_date ? daysBetween(today, client.next_renewal_date) : null,
    });
    // A client whose score cannot be computed keeps its last status; its score shows as N/A.
    writes.push(sql`UPDATE clients SET current_health_score = ${overall}, health_status = coalesce(${status}, health_status),
        health_trend = ${trend}, health_trend_change = ${trendChange}, attention_priority = ${priority}, updated_at = ${stamp}
      WHERE id = ${client.id} AND (current_health_score IS NOT ${overall} OR health_status IS NOT coalesce(${status}, health_status)
        OR health_trend IS NOT ${trend} OR health_trend_change IS NOT ${trendChange} OR attention_priority IS NOT ${priority})`);
  }
  await rawBatch(db, writes);
  return results;
}
