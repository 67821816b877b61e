import { sql, type SQL } from "drizzle-orm";
import { attentionPriority } from "../core/attention-priority";
import { daysBetween, isoDate } from "../core/dates";
import { featureAdoption } from "../core/feature-adoption";
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
  writes.push(...adoptionWrites(data, today, stamp));
  await rawBatch(db, writes);
  return results;
}

/**
 * Feature adoption rows follow the same recalculation: one UPDATE … FROM json_each for the batch
 * (only rows that change are touched), then each licensed row's percentile within its tier cohort.
 */
function adoptionWrites(data: Awaited<ReturnType<typeof loadHealthBatch>>, today: string, stamp: string): SQL[] {
  const rows = data.clients.flatMap((c) =>
    featureAdoption(c.contract_tier, data.featureWindows.get(c.id) ?? {}).map((f) => ({ client_id: c.id, ...f })),
  );
  if (rows.length === 0) return [];
  const ids = JSON.stringify(data.clients.map((c) => c.id));
  return [
    sql`UPDATE client_feature_adoptions AS a SET adoption_status = n.status, usage_30_days = n.u30, usage_trend = n.trend,
        expected_usage = n.expected, updated_at = ${stamp},
        last_used_at = coalesce((SELECT max(date) FROM feature_daily_usage d WHERE d.client_id = a.client_id AND d.feature_key = a.feature_key
          AND d.uses > 0 AND d.date <= ${today}) || 'T00:00:00.000Z', a.last_used_at)
      FROM (SELECT json_extract(value, '$.client_id') AS cid, json_extract(value, '$.feature_key') AS fk, json_extract(value, '$.adoption_status') AS status,
          json_extract(value, '$.usage_30_days') AS u30, json_extract(value, '$.usage_trend') AS trend, json_extract(value, '$.expected_usage') AS expected
        FROM json_each(${JSON.stringify(rows)})) AS n
      WHERE a.client_id = n.cid AND a.feature_key = n.fk AND (a.adoption_status IS NOT n.status OR a.usage_30_days IS NOT n.u30
        OR a.usage_trend IS NOT n.trend OR a.expected_usage IS NOT n.expected)`,
    sql`UPDATE client_feature_adoptions AS a SET adoption_percentile = p.pct
      FROM (SELECT x.client_id, x.feature_key, CAST(round(100.0 * (SELECT count(*) FROM client_feature_adoptions o JOIN clients oc ON oc.id = o.client_id
            WHERE o.feature_key = x.feature_key AND o.is_licensed AND oc.contract_tier = xc.contract_tier AND oc.account_status = 'ACTIVE'
              AND o.usage_30_days < x.usage_30_days)
          / (SELECT count(*) FROM client_feature_adoptions o JOIN clients oc ON oc.id = o.client_id
            WHERE o.feature_key = x.feature_key AND o.is_licensed AND oc.contract_tier = xc.contract_tier AND oc.account_status = 'ACTIVE')) AS INTEGER) AS pct
        FROM client_feature_adoptions x JOIN clients xc ON xc.id = x.client_id
        WHERE x.client_id IN (SELECT value FROM json_each(${ids})) AND x.is_licensed) AS p
      WHERE a.client_id = p.client_id AND a.feature_key = p.feature_key AND a.adoption_percentile IS NOT p.pct`,
  ];
}
