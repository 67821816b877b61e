import { type SQL, sql } from "drizzle-orm";

import { ADOPTION_PERCENTILE_COHORT } from "#worker/db/adoption-percentile-sql";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

// The recalculation's writes (decision 006): a handful of set-based statements per batch of
// clients, whatever its size, each taking its rows as one JSON parameter. Statement count, not
// row count, is what a D1 batch pays for. Only rows whose values change are touched.

export interface RecalcWrites {
  /** Today's snapshot per scored client (id, client_id, overall, components, version, weights, events, details). */
  snapshots: Record<string, unknown>[];
  /** Each client's current state (id, score, status, trend, change, priority). */
  states: Record<string, unknown>[];
  /** Feature adoption per client and feature (client_id, feature_key, adoption_status, usage_30_days, usage_trend, expected_usage). */
  adoption: Record<string, unknown>[];
  /** Rank these clients' adoption percentiles in the same batch; absent: leave them to the caller. */
  percentilesFor?: string[];
}

/** Every write of one recalculated batch, as one D1 batch (one transaction). */
export async function writeRecalculation(db: Db, today: string, stamp: string, w: RecalcWrites): Promise<void> {
  const writes: SQL[] = [];
  if (w.snapshots.length > 0) {
    writes.push(sql`INSERT INTO client_health_scores (id, client_id, date, overall_score, usage_score, adoption_score, support_score,
        relationship_score, contract_score, outcome_score, weights_version, weights_snapshot, notable_events, component_details, created_at)
      SELECT j.value ->> '$.id', j.value ->> '$.client_id', ${today}, j.value ->> '$.overall', j.value ->> '$.usage', j.value ->> '$.adoption',
        j.value ->> '$.support', j.value ->> '$.relationship', j.value ->> '$.contract', j.value ->> '$.outcome', j.value ->> '$.version',
        j.value ->> '$.weights', j.value ->> '$.events', j.value ->> '$.details', ${stamp}
      FROM json_each(${JSON.stringify(w.snapshots)}) AS j WHERE true
      ON CONFLICT (client_id, date) DO UPDATE SET overall_score = excluded.overall_score, usage_score = excluded.usage_score,
        adoption_score = excluded.adoption_score, support_score = excluded.support_score, relationship_score = excluded.relationship_score,
        contract_score = excluded.contract_score, outcome_score = excluded.outcome_score, weights_version = excluded.weights_version,
        weights_snapshot = excluded.weights_snapshot, notable_events = excluded.notable_events, component_details = excluded.component_details`);
  }
  // A client whose score cannot be computed keeps its last status; its score shows as N/A.
  writes.push(sql`UPDATE clients SET current_health_score = n.score, health_status = coalesce(n.status, clients.health_status),
      health_trend = n.trend, health_trend_change = n.change, attention_priority = n.priority, updated_at = ${stamp}
    FROM (SELECT j.value ->> '$.id' AS id, j.value ->> '$.score' AS score, j.value ->> '$.status' AS status, j.value ->> '$.trend' AS trend,
        j.value ->> '$.change' AS change, j.value ->> '$.priority' AS priority FROM json_each(${JSON.stringify(w.states)}) AS j) AS n
    WHERE clients.id = n.id AND (clients.current_health_score IS NOT n.score OR clients.health_status IS NOT coalesce(n.status, clients.health_status)
      OR clients.health_trend IS NOT n.trend OR clients.health_trend_change IS NOT n.change OR clients.attention_priority IS NOT n.priority)`);
  writes.push(...adoptionWrites(w.adoption, today, stamp));
  if (w.percentilesFor) writes.push(adoptionPercentiles(w.percentilesFor));
  await rawBatch(db, writes);
}

/** Feature adoption rows follow the same recalculation: one UPDATE … FROM json_each for the batch (only rows that change are touched). */
function adoptionWrites(rows: Record<string, unknown>[], today: string, stamp: string): SQL[] {
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
export async function rankAllAdoptionPercentiles(db: Db): Promise<void> {
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
