import { and, eq, sql } from "drizzle-orm";

import type { ClientScope } from "#worker/core/access-policy";
import { addDays } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import { AT_RISK_STATUSES_SQL } from "#worker/db/metric-sql";
import { rawBatch } from "#worker/db/raw-batch";
import { clients } from "#worker/db/schema";

import { scopeCondition } from "./clients";

// The four summary cards (PRD F1) for the caller's portfolio, each with its comparison:
// clients gained/lost this month, at-risk count against a week ago, average health against a
// month ago, and ARR at risk as a share of all ARR. One D1 round trip.

const AT_RISK = AT_RISK_STATUSES_SQL;

export async function portfolioSummaryData(db: Db, scope: ClientScope, today: string, csmId: string | null = null) {
  const inScope = and(scopeCondition(scope), csmId ? eq(clients.csm_user_id, csmId) : undefined) ?? sql`1 = 1`;
  const monthStart = `${today.slice(0, 7)}-01`;
  const weekAgo = addDays(today, -7);
  const monthAgo = addDays(today, -30);
  const scoreOn = (date: string) =>
    sql`(SELECT h.overall_score FROM client_health_scores h WHERE h.client_id = ${clients.id} AND h.date = ${date})`;
  const [now, gained, lost, past] = await rawBatch(db, [
    sql`SELECT count(*) AS total, sum(${clients.health_status} IN ${AT_RISK}) AS at_risk, avg(${clients.current_health_score}) AS avg_health,
        coalesce(sum(${clients.annual_recurring_revenue}), 0) AS arr,
        coalesce(sum(CASE WHEN ${clients.health_status} IN ${AT_RISK} THEN ${clients.annual_recurring_revenue} END), 0) AS arr_at_risk
      FROM ${clients} WHERE ${eq(clients.account_status, "ACTIVE")} AND ${inScope}`,
    sql`SELECT count(*) AS n FROM ${clients} WHERE ${eq(clients.account_status, "ACTIVE")} AND ${inScope} AND ${clients.contract_start_date} >= ${monthStart}`,
    sql`SELECT count(*) AS n FROM ${clients} WHERE ${eq(clients.account_status, "CHURNED")} AND ${inScope} AND ${clients.churned_at} >= ${monthStart}`,
    // The whole portfolio reads the daily rollup (clients scored on those days); a narrower scope
    // looks up its own clients' snapshots.
    scope.kind === "all" && !csmId
      ? sql`SELECT (SELECT sum(orange + red) FROM health_daily_rollup WHERE date = ${weekAgo}) AS at_risk_week_ago,
          (SELECT sum(score_sum) * 1.0 / sum(clients) FROM health_daily_rollup WHERE date = ${monthAgo}) AS avg_health_month_ago`
      : sql`SELECT sum(${scoreOn(weekAgo)} < 60) AS at_risk_week_ago, avg(${scoreOn(monthAgo)}) AS avg_health_month_ago
      FROM ${clients} WHERE ${eq(clients.account_status, "ACTIVE")} AND ${inScope}`,
  ]);
  return { now: now[0], gained: Number(gained[0]?.n ?? 0), lost: Number(lost[0]?.n ?? 0), past: past[0] };
}
