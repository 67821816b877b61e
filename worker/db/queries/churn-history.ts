import { type SQL, sql } from "drizzle-orm";

import {
  BUCKET_DAYS,
  type BucketStats,
  type ClientHistory,
  type HealthSnap,
  LOOKBACK_BUCKETS,
  observationDate,
} from "#worker/core/churn/churn-features";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

// The churn model's view of history, read in one D1 batch and already reduced by SQL to one row
// per client and 15-day bucket (not one per day), so memory grows with clients × buckets.
// `clientIds` narrows it to a batch of clients (scoring after a recalculation); lists travel as
// one JSON parameter (D1 binds at most 100 parameters per statement).

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function loadChurnHistories(
  db: Db,
  anchor: string,
  maxBuckets: number,
  clientIds?: string[],
): Promise<ClientHistory[]> {
  const ids = clientIds ? JSON.stringify(clientIds) : null;
  const only = (column: SQL) => (ids ? sql`AND ${column} IN (SELECT value FROM json_each(${ids}))` : sql``);
  // Buckets k..k+7 feed observation k, so history reaches that much further back.
  const last = maxBuckets + LOOKBACK_BUCKETS - 1;
  const since = observationDate(anchor, last + 1);
  const gridDates = JSON.stringify(Array.from({ length: last }, (_, k) => observationDate(anchor, k)));
  const bucket = (dateExpr: SQL) =>
    sql`CAST((julianday(${anchor}) - julianday(${dateExpr})) / ${BUCKET_DAYS} AS INTEGER)`;
  const [clientRows, renewals, health, usage, tickets, contacts, nps] = await rawBatch(db, [
    sql`SELECT id, name, contract_tier, annual_recurring_revenue, contract_start_date, go_live_date, next_renewal_date, churned_at FROM clients WHERE 1 = 1 ${only(sql`id`)}`,
    sql`SELECT client_id, renewal_date, outcome FROM renewal_outcomes WHERE renewal_date <= ${anchor} ${only(sql`client_id`)}`,
    sql`SELECT client_id, date, overall_score, usage_score, adoption_score, support_score, relationship_score, contract_score, outcome_score
        FROM client_health_scores WHERE date IN (SELECT value FROM json_each(${gridDates})) ${only(sql`client_id`)}`,
    sql`SELECT client_id, ${bucket(sql`date`)} AS b, avg(daily_active_users) AS dau, count(*) AS days, avg(total_users) AS users
        FROM client_usage_metrics WHERE date > ${since} AND date <= ${anchor} ${only(sql`client_id`)} GROUP BY client_id, b`,
    sql`SELECT client_id, ${bucket(sql`substr(opened_at, 1, 10)`)} AS b, count(*) AS tickets, sum(severity IN ('HIGH', 'URGENT')) AS high
        FROM support_tickets WHERE opened_at > ${since} AND substr(opened_at, 1, 10) <= ${anchor} ${only(sql`client_id`)} GROUP BY client_id, b`,
    sql`SELECT client_id, ${bucket(sql`substr(occurred_at, 1, 10)`)} AS b, max(occurred_at) AS last_contact
        FROM client_activities WHERE activity_type <> 'INTERNAL_DISCUSSION' AND substr(occurred_at, 1, 10) <= ${anchor} ${only(sql`client_id`)} GROUP BY client_id, b`,
    sql`SELECT client_id, b, score, responded_at FROM (
          SELECT client_id, ${bucket(sql`substr(responded_at, 1, 10)`)} AS b, score, responded_at,
                 row_number() OVER (PARTITION BY client_id, ${bucket(sql`substr(responded_at, 1, 10)`)} ORDER BY responded_at DESC) AS rn
          FROM survey_responses WHERE kind = 'NPS' AND substr(responded_at, 1, 10) <= ${anchor} ${only(sql`client_id`)}) WHERE rn = 1`,
  ]);

  const byId = new Map<string, ClientHistory>();
  for (const r of clientRows) {
    byId.set(String(r.id), {
      id: String(r.id),
      name: String(r.name),
      tier: String(r.contract_tier),
      arr: num(r.annual_recurring_revenue),
      contract_start_date: String(r.contract_start_date),
      go_live_date: (r.go_live_date as string | null) ?? null,
      next_renewal_date: (r.next_renewal_date as string | null) ?? null,
      churned_at: (r.churned_at as string | null) ?? null,
      renewals: [],
      health: new Map(),
      buckets: new Map(),
    });
  }
  const bucketOf = (clientId: unknown, b: unknown): BucketStats | null => {
    const h = byId.get(String(clientId));
    const k = Number(b);
    // Contacts and NPS reach back to the first record: older buckets fold into the oldest kept.
    const key = Math.min(k, last);
    if (!h || key < 0) return null;
    let s = h.buckets.get(key);
    if (!s)
      h.buckets.set(
        key,
        (s = { dau: null, users: null, tickets: 0, high_tickets: 0, last_contact: null, nps: null, nps_at: null }),
      );
    return s;
  };
  for (const r of renewals)
    byId
      .get(String(r.client_id))
      ?.renewals.push({ date: String(r.renewal_date), outcome: r.outcome === "CHURNED" ? "CHURNED" : "RENEWED" });
  const kOf = new Map(Array.from({ length: last }, (_, k) => [observationDate(anchor, k), k]));
  for (const r of health) {
    const snap: HealthSnap = {
      overall: Number(r.overall_score),
      usage: num(r.usage_score),
      adoption: num(r.adoption_score),
      support: num(r.support_score),
      relationship: num(r.relationship_score),
      contract: num(r.contract_score),
      outcome: num(r.outcome_score),
    };
    byId.get(String(r.client_id))?.health.set(kOf.get(String(r.date)) ?? -1, snap);
  }
  for (const r of usage) {
    const s = bucketOf(r.client_id, r.b);
    if (s) Object.assign(s, { dau: num(r.dau), dau_days: Number(r.days), users: num(r.users) });
  }
  for (const r of tickets) {
    const s = bucketOf(r.client_id, r.b);
    if (s) Object.assign(s, { tickets: Number(r.tickets), high_tickets: Number(r.high) });
  }
  for (const r of contacts) {
    const s = bucketOf(r.client_id, r.b);
    if (s && (!s.last_contact || String(r.last_contact) > s.last_contact)) s.last_contact = String(r.last_contact);
  }
  for (const r of nps) {
    const s = bucketOf(r.client_id, r.b);
    if (s && (!s.nps_at || String(r.responded_at) > s.nps_at))
      Object.assign(s, { nps: Number(r.score), nps_at: String(r.responded_at) });
  }
  return [...byId.values()];
}
