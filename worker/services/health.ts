import { sql, type SQL } from "drizzle-orm";
import { attentionPriority } from "../core/attention-priority";
import { daysBetween, isoDate } from "../core/dates";
import { featureAdoption } from "../core/feature-adoption";
import { resolveHealthConfig } from "../core/health-config";
import { evaluateHealth, type HealthEvaluation } from "../core/health-engine";
import { ADOPTION_PERCENTILE_COHORT } from "../db/adoption-percentile-sql";
import type { Db } from "../db/client";
import { loadHealthBatch } from "../db/queries/health-inputs";
import { refreshHealthRollup } from "../db/queries/health-rollup";
import { rawBatch } from "../db/raw-batch";
import { evaluateAlerts } from "./alerts/evaluate-alerts";
import { scoreChurnForClients } from "./churn";

// Recalculates clients' health for today: one D1 batch to read, one to write. Writing is an
// upsert of today's snapshot and the client's current state, so running it twice in the same
// hour (or redelivering a queue message) changes nothing.

export const RECALC_BATCH_SIZE = 100;

export interface RecalcResult {
  clientId: string;
  evaluation: HealthEvaluation;
}

/**
 * `portfolioWide: false` leaves the two steps that read the whole portfolio, adoption
 * percentiles (rankAdoptionPercentiles) and the day's rollup (refreshHealthRollup), to the
 * caller, who runs them once for many calls: the queue consumer does so once per delivered batch.
 */
export async function recalculateClients(db: Db, clientIds: string[], now: Date, opts: { portfolioWide?: boolean } = {}): Promise<RecalcResult[]> {
  const portfolioWide = opts.portfolioWide ?? true;
  const results: RecalcResult[] = [];
  // Adoption percentiles rank each client within its whole tier cohort, so computing them costs
  // the same for one batch as for all: with several batches they are ranked once, at the end.
  const several = clientIds.length > RECALC_BATCH_SIZE;
  for (let i = 0; i < clientIds.length; i += RECALC_BATCH_SIZE) {
    results.push(...(await recalculateBatch(db, clientIds.slice(i, i + RECALC_BATCH_SIZE), now, portfolioWide && !several)));
  }
  if (portfolioWide && several) await rankAdoptionPercentiles(db);
  // The day's portfolio rollup follows its snapshots (trend charts and comparisons read it).
  if (clientIds.length && portfolioWide) await refreshHealthRollup(db, [isoDate(now)]);
  // Churn risk reads today's snapshot, so it follows every recalculation and stays current.
  await scoreChurnForClients(db, clientIds, now);
  // Alerts read the fresh scores and churn risk, so they follow every recalculation too.
  await evaluateAlerts(db, clientIds, now);
  return results;
}

async function recalculateBatch(db: Db, ids: string[], now: Date, withPercentiles: boolean): Promise<RecalcResult[]> {
  const today = isoDate(now);
  const stamp = now.toISOString();
  const data = await loadHealthBatch(db, ids, today);
  const results: RecalcResult[] = [];
  const snapshots: Record<string, unknown>[] = [];
  const states: Record<string, unknown>[] = [];
  for (const client of data.clients) {
    const config = resolveHealthConfig(data.configs, client);
    const evaluation = evaluateHealth(data.inputs.get(client.id)!, config, data.score30DaysAgo.get(client.id) ?? null);
    results.push({ clientId: client.id, evaluation });
    const { overall, status, trend, trendChange, components: c } = evaluation;
    if (overall !== null) {
      snapshots.push({
        id: `hs_${client.id}_${today}`, client_id: client.id, overall, usage: c.usage.score, adoption: c.adoption.score, support: c.support.score,
        relationship: c.relationship.score, contract: c.contract.score, outcome: c.outcome.score, version: config.id ?? "built-in",
        weights: JSON.stringify(config.weights), events: JSON.stringify(data.events.get(client.id) ?? []),
        details: JSON.stringify(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.detail]))),
      });
    }
    const priority = attentionPriority({
      healthScore: overall,
      trendChange,
      churnRisk: client.churn_risk_score,
      arr: client.annual_recurring_revenue,
      daysToRenewal: client.next_renewal_date ? daysBetween(today, client.next_renewal_date) : null,
    });
    states.push({ id: client.id, score: overall, status, trend, change: trendChange, priority });
  }
  // A handful of set-based statements per batch, whatever its size: statement count, not row
  // count, is what a D1 batch pays for.
  const writes: SQL[] = [];
  if (snapshots.length > 0) {
    writes.push(sql`INSERT INTO client_health_scores (id, client_id, date, overall_score, usage_score, adoption_score, support_score,
        relationship_score, contract_score, outcome_score, weights_version, weights_snapshot, notable_events, component_details, created_at)
      SELECT j.value ->> '$.id', j.value ->> '$.client_id', ${today}, j.value ->> '$.overall', j.value ->> '$.usage', j.value ->> '$.adoption',
        j.value ->> '$.support', j.value ->> '$.relationship', j.value ->> '$.contract', j.value ->> '$.outcome', j.value ->> '$.version',
        j.value ->> '$.weights', j.value ->> '$.events', j.value ->> '$.details', ${stamp}
      FROM json_each(${JSON.stringify(snapshots)}) AS j WHERE true
      ON CONFLICT (client_id, date) DO UPDATE SET overall_score = excluded.overall_score, usage_score = excluded.usage_score,
        adoption_score = excluded.adoption_score, support_score = excluded.support_score, relationship_score = excluded.relationship_score,
        contract_score = excluded.contract_score, outcome_score = excluded.outcome_score, weights_version = excluded.weights_version,
        weights_snapshot = excluded.weights_snapshot, notable_events = excluded.notable_events, component_details = excluded.component_details`);
  }
  // A client whose score cannot be computed keeps its last status; its score shows as N/A.
  writes.push(sql`UPDATE clients SET current_health_score = n.score, health_status = coalesce(n.status, clients.health_status),
      health_trend = n.trend, health_trend_change = n.change, attention_priority = n.priority, updated_at = ${stamp}
    FROM (SELECT j.value ->> '$.id' AS id, j.value ->> '$.score' AS score, j.value ->> '$.status' AS status, j.value ->> '$.trend' AS trend,
        j.value ->> '$.change' AS change, j.value ->> '$.priority' AS priority FROM json_each(${JSON.stringify(states)}) AS j) AS n
    WHERE clients.id = n.id AND (clients.current_health_score IS NOT n.score OR clients.health_status IS NOT coalesce(n.status, clients.health_status)
      OR clients.health_trend IS NOT n.trend OR clients.health_trend_change IS NOT n.change OR clients.attention_priority IS NOT n.priority)`);
  writes.push(...adoptionWrites(data, today, stamp));
  if (withPercentiles && data.clients.length) writes.push(adoptionPercentiles(data.clients.map((c) => c.id)));
  await rawBatch(db, writes);
  return results;
}

/** Feature adoption rows follow the same recalculation: one UPDATE … FROM json_each for the batch (only rows that change are touched). */
function adoptionWrites(data: Awaited<ReturnType<typeof loadHealthBatch>>, today: string, stamp: string): SQL[] {
  const rows = data.clients.flatMap((c) =>
    featureAdoption(c.contract_tier, data.featureWindows.get(c.id) ?? {}).map((f) => ({ client_id: c.id, ...f })),
  );
  if (rows.length === 0) return [];
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
  ];
}

/** Every client's adoption percentiles, ranked in one statement (after many recalculations). */
export async function rankAdoptionPercentiles(db: Db): Promise<void> {
  await rawBatch(db, [adoptionPercentiles(null)]);
}

/**
 * Each licensed adoption row's percentile within its tier cohort (licensed, active clients), as
 * core/metrics/percentile defines it. For the given clients, or every client (null).
 */
function adoptionPercentiles(clientIds: string[] | null): SQL {
  const only = clientIds ? sql` AND a.client_id IN (SELECT value FROM json_each(${JSON.stringify(clientIds)}))` : sql``;
  return sql`${sql.raw(ADOPTION_PERCENTILE_COHORT)}${only}`;
}
