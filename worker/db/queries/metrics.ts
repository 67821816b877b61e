import { lt, sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { type MetricName, metricPoints } from "#worker/db/tables/observability";

// Operational metric points kept in D1 (metric_points) for the admin system page.

export type { MetricName };

export async function insertMetricPoint(
  db: Db,
  p: { name: MetricName; label: string; value: number; at: string },
): Promise<void> {
  await db.insert(metricPoints).values(p);
}

/** Deletes points older than `cutoff`; returns how many went. */
export async function deleteMetricsBefore(db: Db, cutoff: string): Promise<number> {
  const r = await db.delete(metricPoints).where(lt(metricPoints.at, cutoff)).returning({ id: metricPoints.id });
  return r.length;
}

/** One metric and label over a window (raw numbers). */
export interface MetricSummaryRow {
  name: MetricName;
  label: string;
  count: number;
  sum: number;
  avg: number;
  max: number;
  last: number;
  last_at: string;
}

/** Per name and label in [from, to): count, sum, avg, max, latest time and latest value (raw numbers). */
export async function metricSummaryRows(db: Db, from: string, to: string) {
  return db.all<MetricSummaryRow>(sql`
    SELECT name, label, count(*) AS count, sum(value) AS sum, avg(value) AS avg, max(value) AS max, max(at) AS last_at,
      (SELECT m2.value FROM metric_points m2 WHERE m2.name = m.name AND m2.label = m.label AND m2.at >= ${from} AND m2.at < ${to} ORDER BY m2.at DESC, m2.id DESC LIMIT 1) AS last
    FROM metric_points m WHERE at >= ${from} AND at < ${to}
    GROUP BY name, label ORDER BY name, label`);
}
