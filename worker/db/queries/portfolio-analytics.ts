import { type SQL, sql } from "drizzle-orm";

import type { ClientScope } from "#worker/core/access-policy";
import type { Db } from "#worker/db/client";
import { AT_RISK_STATUSES_SQL } from "#worker/db/metric-sql";
import { rawBatch, type RawRow } from "#worker/db/raw-batch";

import { rollupByDate } from "./health-rollup";

// The executive summary's aggregates (US-015-003), all over the caller's scope, optionally
// narrowed to one CSM's book. Every function is one D1 round trip.

export interface AnalyticsScope {
  scope: ClientScope;
  csmId: string | null;
}

/** SQL condition on clients aliased `c`: in the caller's scope and, when asked, one CSM's. */
export function scopeSql(s: AnalyticsScope): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (s.scope.kind === "csm") parts.push(sql`c.csm_user_id = ${s.scope.userId}`);
  if (s.scope.kind === "ae") parts.push(sql`c.ae_user_id = ${s.scope.userId}`);
  if (s.csmId) parts.push(sql`c.csm_user_id = ${s.csmId}`);
  return sql.join(parts, sql` AND `);
}

const ACTIVE = sql`c.account_status = 'ACTIVE'`;

/** Every client, unnarrowed: what the daily rollup holds. */
export const wholePortfolio = (s: AnalyticsScope) => s.scope.kind === "all" && !s.csmId;

/** Score buckets by the display bands (green 80+, yellow 60–79, orange 40–59, red < 40). */
const bandCounts = (score: SQL) => sql`
  coalesce(sum(${score} >= 80), 0) AS green, coalesce(sum(${score} >= 60 AND ${score} < 80), 0) AS yellow,
  coalesce(sum(${score} >= 40 AND ${score} < 60), 0) AS orange, coalesce(sum(${score} < 40), 0) AS red`;

const breakdown = (s: AnalyticsScope, key: SQL, label: SQL, join: SQL = sql``) => sql`
  SELECT ${key} AS key, ${label} AS label, count(*) AS clients, coalesce(sum(c.annual_recurring_revenue), 0) AS arr,
    avg(c.current_health_score) AS avg_health, sum(c.health_status IN ${AT_RISK_STATUSES_SQL}) AS at_risk,
    coalesce(sum(CASE WHEN c.health_status IN ${AT_RISK_STATUSES_SQL} THEN c.annual_recurring_revenue END), 0) AS arr_at_risk
  FROM clients c ${join} WHERE ${ACTIVE} AND ${scopeSql(s)} GROUP BY 1, 2 ORDER BY arr DESC`;

/** Clients, ARR, health and risk by tier, industry, CSM and region. */
export async function breakdownRows(db: Db, s: AnalyticsScope) {
  const [tier, industry, csm, region] = await rawBatch(db, [
    breakdown(s, sql`c.contract_tier`, sql`c.contract_tier`),
    breakdown(s, sql`coalesce(c.industry, 'Other')`, sql`coalesce(c.industry, 'Other')`),
    breakdown(
      s,
      sql`c.csm_user_id`,
      sql`coalesce(u.first_name || ' ' || u.last_name, 'Unassigned')`,
      sql`LEFT JOIN ethico_users u ON u.id = c.csm_user_id`,
    ),
    breakdown(s, sql`coalesce(c.region, 'Unknown')`, sql`coalesce(c.region, 'Unknown')`),
  ]);
  return { tier, industry, csm, region };
}

/** Today's band counts (with ARR) and the portfolio's band counts and average on each of `dates`. */
export async function distributionRows(db: Db, s: AnalyticsScope, dates: string[]) {
  const [current, history] = await rawBatch(db, [
    sql`SELECT ${bandCounts(sql`c.current_health_score`)}, coalesce(sum(c.current_health_score IS NULL), 0) AS unscored,
        coalesce(sum(CASE WHEN c.current_health_score >= 80 THEN c.annual_recurring_revenue END), 0) AS green_arr,
        coalesce(sum(CASE WHEN c.current_health_score >= 60 AND c.current_health_score < 80 THEN c.annual_recurring_revenue END), 0) AS yellow_arr,
        coalesce(sum(CASE WHEN c.current_health_score >= 40 AND c.current_health_score < 60 THEN c.annual_recurring_revenue END), 0) AS orange_arr,
        coalesce(sum(CASE WHEN c.current_health_score < 40 THEN c.annual_recurring_revenue END), 0) AS red_arr,
        avg(c.current_health_score) AS avg_health, count(*) AS clients
      FROM clients c WHERE ${ACTIVE} AND ${scopeSql(s)}`,
    // History includes clients that have churned since: they were in the portfolio then. The
    // whole portfolio reads the daily rollup; a narrower scope its own clients' snapshots.
    wholePortfolio(s)
      ? rollupByDate(dates)
      : sql`SELECT h.date AS date, count(*) AS clients, avg(h.overall_score) AS avg_health, ${bandCounts(sql`h.overall_score`)}
      FROM client_health_scores h JOIN clients c ON c.id = h.client_id
      WHERE h.date IN (SELECT value FROM json_each(${JSON.stringify(dates)})) AND ${scopeSql(s)}
      GROUP BY h.date ORDER BY h.date`,
  ]);
  return { current: current[0] ?? {}, history };
}

const CLIENT_FIELDS = sql`c.id AS id, c.name AS name, c.contract_tier AS contract_tier, c.industry AS industry,
  c.current_health_score AS current_health_score, c.health_status AS health_status, c.health_trend AS health_trend,
  c.health_trend_change AS health_trend_change, c.churn_risk_score AS churn_risk_score,
  c.annual_recurring_revenue AS annual_recurring_revenue, c.next_renewal_date AS next_renewal_date,
  c.last_csm_contact_at AS last_csm_contact_at, c.attention_priority AS attention_priority,
  c.csm_user_id AS csm_id, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS csm_name`;

/** At-risk and critical clients, neediest first, with their latest component scores. */
export async function atRiskRows(db: Db, s: AnalyticsScope, limit: number) {
  const [rows, totals] = await rawBatch(db, [
    sql`SELECT ${CLIENT_FIELDS}, h.usage_score AS usage, h.adoption_score AS adoption, h.support_score AS support,
        h.relationship_score AS relationship, h.contract_score AS contract, h.outcome_score AS outcome
      FROM clients c LEFT JOIN ethico_users u ON u.id = c.csm_user_id
      LEFT JOIN client_health_scores h ON h.client_id = c.id
        AND h.date = (SELECT max(h2.date) FROM client_health_scores h2 WHERE h2.client_id = c.id)
      WHERE ${ACTIVE} AND ${scopeSql(s)} AND c.health_status IN ${AT_RISK_STATUSES_SQL}
      ORDER BY c.attention_priority DESC, c.name LIMIT ${limit}`,
    sql`SELECT count(*) AS clients, coalesce(sum(c.annual_recurring_revenue), 0) AS arr,
        coalesce(sum(c.health_status = 'CRITICAL'), 0) AS critical,
        coalesce(sum(c.health_trend = 'DOWN'), 0) AS declining
      FROM clients c WHERE ${ACTIVE} AND ${scopeSql(s)} AND c.health_status IN ${AT_RISK_STATUSES_SQL}`,
  ]);
  return { rows, totals: totals[0] ?? {} };
}

/** Active clients renewing between `from` and `to`, soonest first. */
export async function renewalRows(db: Db, s: AnalyticsScope, from: string, to: string, limit: number) {
  const window = sql`c.next_renewal_date BETWEEN ${from} AND ${to}`;
  const [rows, months] = await rawBatch(db, [
    sql`SELECT ${CLIENT_FIELDS} FROM clients c LEFT JOIN ethico_users u ON u.id = c.csm_user_id
      WHERE ${ACTIVE} AND ${scopeSql(s)} AND ${window} ORDER BY c.next_renewal_date, c.name LIMIT ${limit}`,
    sql`SELECT substr(c.next_renewal_date, 1, 7) AS month, count(*) AS clients, coalesce(sum(c.annual_recurring_revenue), 0) AS arr,
        coalesce(sum(c.health_status IN ${AT_RISK_STATUSES_SQL}), 0) AS at_risk,
        coalesce(sum(CASE WHEN c.health_status IN ${AT_RISK_STATUSES_SQL} THEN c.annual_recurring_revenue END), 0) AS arr_at_risk
      FROM clients c WHERE ${ACTIVE} AND ${scopeSql(s)} AND ${window} GROUP BY 1 ORDER BY 1`,
  ]);
  return { rows, months };
}

export type { RawRow };
