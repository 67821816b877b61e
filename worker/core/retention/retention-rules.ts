import { addDays } from "#worker/core/dates";

// The PRD's data retention ("Data Retention"): health score history and usage metrics 3 years,
// CSM activities 7 years, alerts 1 year. Each rule names the table, the column that dates a row
// and how long a row is kept; derived rows (the daily rollup) and the raw events behind the usage
// figures follow the data they belong to. An alert still open is kept whatever its age: it is
// work in progress, not history.

export interface RetentionRule {
  table: string;
  /** The column whose value dates a row (a date or an ISO timestamp; compared as text). */
  column: string;
  years: number;
  /** What the PRD calls this data. */
  kind: "health score history" | "usage metrics" | "CSM activities" | "alerts" | "audit refusals";
  /** Extra condition a row must meet to go (SQL on the table's own columns). */
  onlyWhen?: string;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  { table: "client_health_scores", column: "date", years: 3, kind: "health score history" },
  { table: "health_daily_rollup", column: "date", years: 3, kind: "health score history" },
  { table: "client_usage_metrics", column: "date", years: 3, kind: "usage metrics" },
  { table: "user_daily_activity", column: "date", years: 3, kind: "usage metrics" },
  { table: "feature_daily_usage", column: "date", years: 3, kind: "usage metrics" },
  { table: "ingested_events", column: "occurred_at", years: 3, kind: "usage metrics" },
  { table: "client_activities", column: "occurred_at", years: 7, kind: "CSM activities" },
  {
    table: "client_alerts",
    column: "created_at",
    years: 1,
    kind: "alerts",
    onlyWhen: "status IN ('RESOLVED', 'DISMISSED')",
  },
  // Refused requests (decision 016): a year, then they go with their per-minute counts. Every
  // other audit row is kept; the table's trigger refuses any other delete (migration 0020).
  {
    table: "audit_log",
    column: "at",
    years: 1,
    kind: "audit refusals",
    onlyWhen: "outcome IN ('DENIED', 'NOT_FOUND', 'INVALID')",
  },
  { table: "audit_refusal_counts", column: "minute", years: 1, kind: "audit refusals" },
];

/** The first date kept: rows dated before it go. Whole calendar years back from `today`. */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split("-").map(Number);
  // 29 February has no twin in most years: the day before (28th) is kept as well.
  const back = new Date(Date.UTC(y - years, m - 1, d));
  return back.getUTCMonth() === m - 1 ? back.toISOString().slice(0, 10) : addDays(back.toISOString().slice(0, 10), -1);
}
