// The adoption percentile (core/metrics/percentile: the share of the tier cohort licensing the
// feature that uses it less, ties counted as half) as plain SQL text, free of the Worker's
// types, so recalculation and the Node seed script rank with the very same statement.
// round(100.0 * (worse + ties / 2.0) / n) is percentileFromCounts, operation for operation.

export const ADOPTION_PERCENTILE_COHORT = `WITH cohort AS (
    SELECT a.client_id, a.feature_key,
      CAST(round(100.0 * ((rank() OVER w - 1) + count(*) OVER t / 2.0) / count(*) OVER (PARTITION BY a.feature_key, c.contract_tier)) AS INTEGER) AS pct
    FROM client_feature_adoptions a JOIN clients c ON c.id = a.client_id
    WHERE a.is_licensed AND c.account_status = 'ACTIVE'
    WINDOW w AS (PARTITION BY a.feature_key, c.contract_tier ORDER BY a.usage_30_days),
      t AS (PARTITION BY a.feature_key, c.contract_tier, a.usage_30_days))
  UPDATE client_feature_adoptions AS a SET adoption_percentile = cohort.pct FROM cohort
  WHERE a.client_id = cohort.client_id AND a.feature_key = cohort.feature_key AND a.adoption_percentile IS NOT cohort.pct`;

/** Every client at once (the seed runs it after writing history). */
export const RANK_ALL_ADOPTION_PERCENTILES_SQL = ADOPTION_PERCENTILE_COHORT;
