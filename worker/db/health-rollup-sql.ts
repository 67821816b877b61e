// The daily health rollup's SQL as plain text, free of the Worker's types, so the Node seed
// script and the migration's backfill use the very statement the app runs (queries/health-rollup.ts).

export const ROLLUP_INSERT = `INSERT INTO health_daily_rollup (date, contract_tier, clients, score_sum, green, yellow, orange, red)
  SELECT h.date, c.contract_tier, count(*), sum(h.overall_score),
    sum(h.overall_score >= 80), sum(h.overall_score >= 60 AND h.overall_score < 80),
    sum(h.overall_score >= 40 AND h.overall_score < 60), sum(h.overall_score < 40)
  FROM client_health_scores h JOIN clients c ON c.id = h.client_id`;

/** Every day at once (the seed runs it after writing history). */
export const REBUILD_HEALTH_ROLLUP_SQL = [
  "DELETE FROM health_daily_rollup",
  `${ROLLUP_INSERT} GROUP BY h.date, c.contract_tier`,
];
