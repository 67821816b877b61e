import type { Db } from "#worker/db/client";
import {
  deleteMetricsBefore,
  insertMetricPoint,
  type MetricName,
  type MetricSummaryRow,
  metricSummaryRows,
} from "#worker/db/queries/metrics";

import { log } from "./log";

// Operational metrics: recalculation duration, queue lag, dead-letter depth, CRM failures and AI
// fallbacks. Each point goes to Workers Analytics Engine (the METRICS binding: long-term series
// for dashboards and alerting, queried with its SQL API) and to D1's metric_points, which the
// admin system page reads locally and in production (docs/decisions/017-…). Recording never
// fails the work it measures: a failed write is logged and dropped.

export type { MetricName } from "#worker/db/queries/metrics";

export interface MetricSink {
  db: Db;
  /** The Analytics Engine dataset; absent in unit setups that do not bind it. */
  dataset?: AnalyticsEngineDataset;
}

export const METRIC_RETENTION_DAYS = 30;

/** The sink for a Worker env: its D1 and its Analytics Engine dataset. */
export function metricSink(env: { METRICS?: AnalyticsEngineDataset }, db: Db): MetricSink {
  return { db, dataset: env.METRICS };
}

/**
 * One data point. `label` says what it is about (a queue name, a CRM provider, an AI purpose).
 * Analytics Engine layout: index1 = name, blob1 = name, blob2 = label, double1 = value.
 */
export async function recordMetric(
  sink: MetricSink,
  name: MetricName,
  value: number,
  label = "",
  now: Date = new Date(),
): Promise<void> {
  if (!Number.isFinite(value)) return;
  const safeLabel = label.slice(0, 96);
  try {
    sink.dataset?.writeDataPoint({ indexes: [name], blobs: [name, safeLabel], doubles: [value] });
  } catch (err) {
    log.warn("Analytics Engine data point not written", { metric: name, error: err });
  }
  try {
    await insertMetricPoint(sink.db, { name, label: safeLabel, value, at: now.toISOString() });
  } catch (err) {
    log.warn("Metric point not stored in D1", { metric: name, error: err });
  }
}

/** Several points at once (one D1 batch), e.g. queue lag per message of a batch folded into one. */
export async function recordMetrics(
  sink: MetricSink,
  points: { name: MetricName; value: number; label?: string }[],
  now: Date = new Date(),
): Promise<void> {
  for (const p of points) await recordMetric(sink, p.name, p.value, p.label ?? "", now);
}

/** Queue lag of a delivered batch: the oldest message's wait, in ms (one point per batch). */
export function queueLagMs(batch: MessageBatch<unknown>, now: Date = new Date()): number | null {
  if (batch.messages.length === 0) return null;
  const oldest = Math.min(...batch.messages.map((m) => m.timestamp.getTime()));
  return Math.max(0, now.getTime() - oldest);
}

/** Drops points older than the retention window (the daily retention cron). */
export async function pruneMetrics(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - METRIC_RETENTION_DAYS * 86_400_000).toISOString();
  return deleteMetricsBefore(db, cutoff);
}

/** The summary rows as the system page reads them (one definition, in db/queries/metrics.ts). */
export type MetricSummary = MetricSummaryRow;

/** Per metric and label in [since, until): count, sum, average, max, and the latest value. */
export async function summarizeMetrics(db: Db, since: Date, until: Date): Promise<MetricSummary[]> {
  const from = since.toISOString();
  const to = until.toISOString();
  const rows = await metricSummaryRows(db, from, to);
  return rows.map((r) => ({
    ...r,
    count: Number(r.count),
    sum: Number(r.sum),
    avg: Math.round(Number(r.avg) * 10) / 10,
    max: Number(r.max),
    last: Number(r.last),
  }));
}
