import { sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

import { rollupByDate } from "./health-rollup";

// What the Overview chart marks (touchpoints, escalations, renewals) and the tier cohort's
// average on a few dates (from the daily rollup, not every client's history). One D1 round trip.

export async function overviewRows(db: Db, clientId: string, tier: string, from: string, cohortDates: string[]) {
  const [activities, tickets, renewals, cohort] = await rawBatch(db, [
    sql`SELECT substr(occurred_at, 1, 10) AS date, activity_type, subject FROM client_activities
      WHERE client_id = ${clientId} AND occurred_at >= ${from} AND activity_type <> 'INTERNAL_DISCUSSION' ORDER BY occurred_at`,
    sql`SELECT substr(opened_at, 1, 10) AS date, severity, subject FROM support_tickets
      WHERE client_id = ${clientId} AND opened_at >= ${from} AND severity IN ('HIGH', 'URGENT') ORDER BY opened_at`,
    sql`SELECT renewal_date AS date, outcome FROM renewal_outcomes WHERE client_id = ${clientId} AND renewal_date >= ${from}`,
    rollupByDate(cohortDates, tier),
  ]);
  return {
    activities,
    tickets,
    renewals,
    cohort: cohort.map((r) => ({ date: r.date, avg: r.avg_health, n: r.clients })),
  };
}
