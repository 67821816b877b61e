import { type SQL, sql } from "drizzle-orm";

import { addDays } from "#worker/core/dates";
import { ARR_AT_RISK_STATUSES } from "#worker/core/metrics/contact-and-risk";

// The core metric definitions as SQL, for queries that aggregate many clients in D1: built from
// the same constants, so a summary card and a per-client figure cannot drift apart.

/** `('AT_RISK', 'CRITICAL')`: the health statuses whose ARR is "at risk". */
export const AT_RISK_STATUSES_SQL = sql.raw(`(${ARR_AT_RISK_STATUSES.map((s) => `'${s}'`).join(", ")})`);

/**
 * core/ai/daily-briefing's needsAttention for a client row (alias `c` not needed: bare columns of
 * `clients`): at risk or critical, health down 5+ points in 30 days, churn risk 20%+, or no CSM
 * contact for 60+ days. Counts a whole portfolio in one statement; the consistency test checks
 * it against the core predicate over every seeded client.
 */
export function needsAttentionSql(today: string): SQL {
  return sql`(clients.health_status IN ('CRITICAL', 'AT_RISK') OR coalesce(clients.health_trend_change, 0) <= -5
    OR coalesce(clients.churn_risk_score, 0) >= 20 OR substr(clients.last_csm_contact_at, 1, 10) <= ${addDays(today, -60)})`;
}
