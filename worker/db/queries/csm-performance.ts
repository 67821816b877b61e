import { sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

// Per-CSM figures for the scorecard (US-015-042), grouped by the client's CSM (or, for activity,
// by who performed it). One D1 round trip. `csmIds` narrows to some CSMs; null means all.

export interface PerformanceWindow {
  today: string;
  /** Start of the scorecard period (activity, health change, alert response). */
  from: string;
  /** Start of the trailing year (retention and NPS need a year to mean anything). */
  yearAgo: string;
}

export async function csmPerformanceRows(db: Db, w: PerformanceWindow, csmIds: string[] | null) {
  const only = (col: string) =>
    csmIds
      ? sql`${sql.raw(col)} IN (SELECT value FROM json_each(${JSON.stringify(csmIds)}))`
      : sql`${sql.raw(col)} IS NOT NULL`;
  const [portfolio, start, renewals, nps, activity, alerts] = await rawBatch(db, [
    sql`SELECT c.csm_user_id AS csm_id, count(*) AS clients, coalesce(sum(c.annual_recurring_revenue), 0) AS arr,
        avg(c.current_health_score) AS avg_health,
        coalesce(sum(c.current_health_score >= 80), 0) AS green, coalesce(sum(c.current_health_score >= 60 AND c.current_health_score < 80), 0) AS yellow,
        coalesce(sum(c.current_health_score >= 40 AND c.current_health_score < 60), 0) AS orange, coalesce(sum(c.current_health_score < 40), 0) AS red
      FROM clients c WHERE c.account_status = 'ACTIVE' AND ${only("c.csm_user_id")} GROUP BY 1`,
    // Health improvement compares the same clients: today's active book, scored at period start.
    sql`SELECT c.csm_user_id AS csm_id, avg(h.overall_score) AS avg_then, avg(c.current_health_score) AS avg_now
      FROM clients c JOIN client_health_scores h ON h.client_id = c.id AND h.date = ${w.from}
      WHERE c.account_status = 'ACTIVE' AND c.current_health_score IS NOT NULL AND ${only("c.csm_user_id")} GROUP BY 1`,
    sql`SELECT c.csm_user_id AS csm_id, count(*) AS renewals, coalesce(sum(r.outcome = 'RENEWED'), 0) AS renewed,
        coalesce(sum(r.arr_before), 0) AS arr_before, coalesce(sum(CASE WHEN r.outcome = 'RENEWED' THEN r.arr_after ELSE 0 END), 0) AS arr_after
      FROM renewal_outcomes r JOIN clients c ON c.id = r.client_id
      WHERE r.renewal_date > ${w.yearAgo} AND r.renewal_date <= ${w.today} AND ${only("c.csm_user_id")} GROUP BY 1`,
    sql`SELECT c.csm_user_id AS csm_id, count(*) AS responses, coalesce(sum(s.score >= 9), 0) AS promoters, coalesce(sum(s.score <= 6), 0) AS detractors
      FROM survey_responses s JOIN clients c ON c.id = s.client_id
      WHERE s.kind = 'NPS' AND s.responded_at > ${w.yearAgo} AND ${only("c.csm_user_id")} GROUP BY 1`,
    sql`SELECT a.performed_by_id AS csm_id, a.activity_type AS activity_type, count(*) AS n
      FROM client_activities a WHERE a.occurred_at >= ${w.from} AND a.occurred_at < ${`${w.today}T99`} AND ${only("a.performed_by_id")}
      GROUP BY 1, 2`,
    sql`SELECT c.csm_user_id AS csm_id, count(*) AS alerts, coalesce(sum(a.acknowledged_at IS NOT NULL), 0) AS acknowledged,
        avg(CASE WHEN a.acknowledged_at IS NOT NULL THEN (julianday(a.acknowledged_at) - julianday(a.created_at)) * 24 END) AS avg_response_hours
      FROM client_alerts a JOIN clients c ON c.id = a.client_id
      WHERE a.created_at >= ${w.from} AND ${only("c.csm_user_id")} GROUP BY 1`,
  ]);
  return { portfolio, start, renewals, nps, activity, alerts };
}

/** The CSM book's average health on each date (for the individual scorecard's trend). */
export async function csmHealthHistory(db: Db, csmId: string, dates: string[]) {
  const [rows] = await rawBatch(db, [
    sql`SELECT h.date AS date, avg(h.overall_score) AS avg_health, count(*) AS clients
      FROM client_health_scores h JOIN clients c ON c.id = h.client_id
      WHERE c.csm_user_id = ${csmId} AND h.date IN (SELECT value FROM json_each(${JSON.stringify(dates)}))
      GROUP BY 1 ORDER BY 1`,
  ]);
  return rows;
}
