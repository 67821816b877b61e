import { and, asc, desc, eq, gte, isNotNull, sql } from "drizzle-orm";

import { percentileFromCounts } from "#worker/core/metrics/percentile";
import type { Db } from "#worker/db/client";
import { clientHealthScores, clients } from "#worker/db/schema";

export async function latestSnapshot(db: Db, clientId: string) {
  return db.query.clientHealthScores.findFirst({
    where: eq(clientHealthScores.client_id, clientId),
    orderBy: desc(clientHealthScores.date),
  });
}

export async function snapshotOn(db: Db, clientId: string, date: string) {
  return (
    (
      await db
        .select()
        .from(clientHealthScores)
        .where(and(eq(clientHealthScores.client_id, clientId), eq(clientHealthScores.date, date)))
        .limit(1)
    )[0] ?? null
  );
}

export async function snapshotsSince(db: Db, clientId: string, from: string) {
  return db
    .select()
    .from(clientHealthScores)
    .where(and(eq(clientHealthScores.client_id, clientId), gte(clientHealthScores.date, from)))
    .orderBy(asc(clientHealthScores.date));
}

/** Average and the percentile of `score` (core/metrics/percentile: ties count half), over active scored clients. */
export async function cohortStanding(db: Db, score: number, cohort: { tier: string; industry: string | null }) {
  const stats = (cond: ReturnType<typeof eq>) =>
    db
      .select({
        avg: sql<number | null>`avg(${clients.current_health_score})`,
        below: sql<number>`coalesce(sum(${clients.current_health_score} < ${score}), 0)`,
        ties: sql<number>`coalesce(sum(${clients.current_health_score} = ${score}), 0)`,
        n: sql<number>`count(*)`,
      })
      .from(clients)
      .where(and(eq(clients.account_status, "ACTIVE"), isNotNull(clients.current_health_score), cond));
  const [tier, industry] = await db.batch([
    stats(eq(clients.contract_tier, cohort.tier as "ENTERPRISE")),
    // The benchmark's industry cohort: no industry on record reads as "Other".
    stats(sql`coalesce(${clients.industry}, 'Other') = ${cohort.industry ?? "Other"}` as ReturnType<typeof eq>),
  ]);
  const standing = (r: { avg: number | null; below: number; ties: number; n: number } | undefined) =>
    r && r.n > 0
      ? {
          average: Math.round(r.avg ?? 0),
          percentile: percentileFromCounts(Number(r.below), Number(r.ties), Number(r.n)) ?? 50,
          size: r.n,
        }
      : null;
  return { tier: standing(tier[0]), industry: standing(industry[0]) };
}
