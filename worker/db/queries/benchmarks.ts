import { type SQL, sql } from "drizzle-orm";

import type { BenchmarkSubject } from "#worker/core/benchmark";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

import { type AnalyticsScope, scopeSql } from "./portfolio-analytics";

// Reads behind benchmarking (PRD F7): cohort candidates with their latest component scores,
// feature statuses of a few clients, and industry aggregates.

const LATEST = sql`h.date = (SELECT max(h2.date) FROM client_health_scores h2 WHERE h2.client_id = c.id)`;

export interface CandidateFilter {
  tier?: string;
  industry?: string;
  region?: string;
}

/** Active clients matching the SQL-side part of a cohort, each with its latest components. */
export async function benchmarkCandidates(
  db: Db,
  f: CandidateFilter,
): Promise<(BenchmarkSubject & { name: string; csm_user_id: string | null; ae_user_id: string | null })[]> {
  const conds: SQL[] = [sql`c.account_status = 'ACTIVE'`];
  if (f.tier) conds.push(sql`c.contract_tier = ${f.tier}`);
  if (f.industry) conds.push(sql`coalesce(c.industry, 'Other') = ${f.industry}`);
  if (f.region) conds.push(sql`c.region = ${f.region}`);
  const [rows] = await rawBatch(db, [
    sql`SELECT c.id AS id, c.name AS name, c.contract_tier AS contract_tier, c.industry AS industry, c.employee_count AS employee_count,
        c.region AS region, c.contract_start_date AS contract_start_date, c.go_live_date AS go_live_date,
        c.csm_user_id AS csm_user_id, c.ae_user_id AS ae_user_id, c.current_health_score AS health,
        h.usage_score AS usage, h.adoption_score AS adoption, h.support_score AS support, h.relationship_score AS relationship
      FROM clients c LEFT JOIN client_health_scores h ON h.client_id = c.id AND ${LATEST}
      WHERE ${sql.join(conds, sql` AND `)}`,
  ]);
  return rows as never;
}

/** feature_key → adoption status, per client. */
export async function featureStatuses(db: Db, clientIds: string[]): Promise<Map<string, Record<string, string>>> {
  const [rows] = await rawBatch(db, [
    sql`SELECT client_id, feature_key, adoption_status FROM client_feature_adoptions
      WHERE client_id IN (SELECT value FROM json_each(${JSON.stringify(clientIds)}))`,
  ]);
  const out = new Map<string, Record<string, string>>(clientIds.map((id) => [id, {}]));
  for (const r of rows) out.get(r.client_id as string)![r.feature_key as string] = r.adoption_status as string;
  return out;
}

const industryStats = (industry: SQL, scope: SQL, yearAgo: string) => sql`
  SELECT coalesce(c.industry, 'Other') AS industry,
    coalesce(sum(c.account_status = 'ACTIVE'), 0) AS clients,
    coalesce(sum(CASE WHEN c.account_status = 'ACTIVE' THEN c.annual_recurring_revenue END), 0) AS arr,
    avg(CASE WHEN c.account_status = 'ACTIVE' THEN c.current_health_score END) AS avg_health,
    avg(CASE WHEN c.account_status = 'ACTIVE' THEN h.adoption_score END) AS avg_adoption,
    coalesce(sum(c.account_status = 'CHURNED' AND c.churned_at > ${yearAgo}), 0) AS churned_last_year
  FROM clients c LEFT JOIN client_health_scores h ON h.client_id = c.id AND ${LATEST}
  WHERE ${industry} AND ${scope} AND (c.account_status = 'ACTIVE' OR c.churned_at > ${yearAgo})
  GROUP BY 1 ORDER BY 1`;

/** Per-industry aggregates over all clients and over the caller's portfolio. */
export async function industryOverview(db: Db, s: AnalyticsScope, yearAgo: string) {
  const [all, mine] = await rawBatch(db, [
    industryStats(sql`1 = 1`, sql`1 = 1`, yearAgo),
    industryStats(sql`1 = 1`, scopeSql(s), yearAgo),
  ]);
  return { all, mine };
}

/** One industry: the top clients by health, and its monthly average health (all and scoped). */
export async function industryDetail(db: Db, industry: string, s: AnalyticsScope, dates: string[]) {
  const inIndustry = sql`coalesce(c.industry, 'Other') = ${industry}`;
  const trend = (scope: SQL) => sql`
    SELECT h.date AS date, avg(h.overall_score) AS avg_health, count(*) AS clients
    FROM client_health_scores h JOIN clients c ON c.id = h.client_id
    WHERE ${inIndustry} AND ${scope} AND h.date IN (SELECT value FROM json_each(${JSON.stringify(dates)})) GROUP BY 1 ORDER BY 1`;
  const [best, trendAll, trendMine] = await rawBatch(db, [
    sql`SELECT c.id AS id, c.name AS name, c.contract_tier AS contract_tier, c.employee_count AS employee_count,
        c.current_health_score AS health, h.adoption_score AS adoption, c.csm_user_id AS csm_user_id, c.ae_user_id AS ae_user_id
      FROM clients c LEFT JOIN client_health_scores h ON h.client_id = c.id AND ${LATEST}
      WHERE ${inIndustry} AND c.account_status = 'ACTIVE' AND c.current_health_score IS NOT NULL
      ORDER BY c.current_health_score DESC, c.name LIMIT 3`,
    trend(sql`1 = 1`),
    trend(scopeSql(s)),
  ]);
  return { best, trendAll, trendMine };
}
