import { type SQL, sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { ROLLUP_INSERT } from "#worker/db/health-rollup-sql";
import { rawBatch } from "#worker/db/raw-batch";

// health_daily_rollup (tables/metrics.ts): the day's snapshots summed per contract tier. A day
// is rebuilt whole from its snapshots, so the rollup can never drift from them; the seed and the
// migration rebuild every day at once.

/** Rebuilds the given days (one D1 batch: the delete and the insert commit together). */
export async function refreshHealthRollup(db: Db, dates: string[]): Promise<void> {
  if (dates.length === 0) return;
  const days = JSON.stringify([...new Set(dates)]);
  await rawBatch(db, [
    sql`DELETE FROM health_daily_rollup WHERE date IN (SELECT value FROM json_each(${days}))`,
    sql`${sql.raw(ROLLUP_INSERT)} WHERE h.date IN (SELECT value FROM json_each(${days})) GROUP BY h.date, c.contract_tier`,
  ]);
}

/** Whole-portfolio figures on each date (all tiers, or one). */
export function rollupByDate(dates: string[], tier: string | null = null): SQL {
  return sql`SELECT date, sum(clients) AS clients, sum(score_sum) * 1.0 / sum(clients) AS avg_health,
      sum(green) AS green, sum(yellow) AS yellow, sum(orange) AS orange, sum(red) AS red
    FROM health_daily_rollup WHERE date IN (SELECT value FROM json_each(${JSON.stringify(dates)}))
    ${tier ? sql`AND contract_tier = ${tier}` : sql``} GROUP BY date ORDER BY date`;
}
