import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rawBatch } from "../raw-batch";

// What the Overview chart marks (touchpoints, escalations, renewals) and the tier cohort's
// average on a few dates. One D1 round trip.

export async function overviewRows(db: Db, clientId: string, tier: string, from: string, cohortDates: string[]) {
  const [activities, tickets, renewals, cohort] = await rawBatch(db, [
    sql`SELECT substr(occurred_at, 1, 10) AS date, activity_type, subject FROM client_activities
      WHERE client_id = ${clientId} AND occurred_at >= ${from} AND activity_type <> 'INTERNAL_DISCUSSION' ORDER BY occurred_at`,
    sql`SELECT substr(opened_at, 1, 10) AS date, severity, subject FROM support_tickets
      WHERE client_id = ${clientId} AND opened_at >= ${from} AND severity IN ('HIGH', 'URGENT') ORDER BY opened_at`,
    sql`SELECT renewal_date AS date, outcome FROM renewal_outcomes WHERE client_id = ${clientId} AND renewal_date >= ${from}`,
    sql`SELECT h.date AS date, avg(h.overall_score) AS avg, count(*) AS n
      FROM client_health_scores h JOIN clients c ON c.id = h.client_id
      WHERE c.contract_tier = ${tier} AND h.date IN (SELECT value FROM json_each(${JSON.stringify(cohortDates)}))
      GROUP BY h.date ORDER BY h.date`,
  ]);
  return { activities, tickets, renewals, cohort };
}
