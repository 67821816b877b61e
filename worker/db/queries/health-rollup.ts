import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { rawBatch } from "../raw-batch";

// health_daily_rollup (tables/metrics.ts): the day's snapshots summed per contract tier. A day
// is rebuilt whole from its snapshots, so the rollup can never drift from them; the seed and the
// migration rebuild every day at once.

const INSERT = `INSERT INTO health_daily_rollup (date, contract_tier, clients, score_sum, green, yellow, orange, red)
  SELECT h.date, c.contract_tier, count(*), sum(h.overall_score),
    sum(h.overall_score >= 80), sum(h.overall_score >= 60 AND h.overall_score < 80),
    sum(h.overall_score >= 40 AND h.overall_score < 60), sum(h.overall_score < 40)
  FROM client_health_scores h JOIN clients c ON c.id = h.client_id`;

/** Rebuilds the given days (one D1 batch: the delete and the insert commit together). */
export async function refreshHealthRollup(db: Db, dates: string[]): Promise<void> {
  if (dates.length === 0) return;
  const days = JSON.stringify([...new Set(dates)]);
  await rawBatch(db, [
    sql`DELETE FROM health_daily_rollup WHERE date IN (SELECT value FROM json_each(${days}))`,
    sql`${sql.raw(INSERT)} WHERE h.date IN (SELECT value FROM json_each(${days})) GROUP BY h.date, c.contract_tier`,
  ]);
}

/** Every day at once, as plain SQL (the seed runs it after writing history). */
export const REBUILD_HEALTH_ROLLUP_SQL = ["DELETE FROM health_daily_rollup", `${INSERT} GROUP BY h.date, c.contract_tier`];

/** Whole-portfolio figures on each date (all tiers, or one). */
export function rollupByDate(dates: string[], tier: string | null = null): SQL {
  return sql`SELECT date, sum(clients) AS clients, sum(score_sum) * 1.0 / sum(clients) AS avg_health,
      sum(green) AS green, sum(yellow) AS yellow, sum(orange) AS orange, sum(red) AS red
    FROM health_daily_rollup WHERE date IN (SELECT value FROM json_each(${JSON.stringify(dates)}))
    ${tier ? sql`AND contract_tier = ${tier}` : sql``} GROUP BY date ORDER BY date`;
}
