import { and, asc, eq, type SQL, sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { clientHealthScores, clients } from "#worker/db/schema";

/**
 * The clients matching `where` with what a draft formula needs: tier and segment (which
 * configuration governs them), ARR (to rank the changes), the current score and band, and the
 * latest component scores.
 */
export async function previewInputs(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({
      id: clients.id,
      name: clients.name,
      contract_tier: clients.contract_tier,
      segment: clients.segment,
      arr: clients.annual_recurring_revenue,
      current_score: clients.current_health_score,
      current_status: clients.health_status,
      usage: clientHealthScores.usage_score,
      adoption: clientHealthScores.adoption_score,
      support: clientHealthScores.support_score,
      relationship: clientHealthScores.relationship_score,
      contract: clientHealthScores.contract_score,
      outcome: clientHealthScores.outcome_score,
    })
    .from(clients)
    .innerJoin(
      clientHealthScores,
      and(
        eq(clientHealthScores.client_id, clients.id),
        sql`${clientHealthScores.date} = (SELECT max(h.date) FROM client_health_scores h WHERE h.client_id = ${clients.id})`,
      ),
    )
    .where(where)
    .orderBy(asc(clients.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    contract_tier: r.contract_tier,
    segment: r.segment,
    arr: r.arr ?? 0,
    current_score: r.current_score,
    current_status: r.current_status,
    components: {
      usage: r.usage,
      adoption: r.adoption,
      support: r.support,
      relationship: r.relationship,
      contract: r.contract,
      outcome: r.outcome,
    },
  }));
}

/** Segments in use and the clients to pick from for a per-client override (names only). */
export async function scopeChoices(db: Db, where: SQL | undefined) {
  const [segments, list] = await Promise.all([
    db
      .selectDistinct({ segment: clients.segment })
      .from(clients)
      .where(and(where, sql`${clients.segment} IS NOT NULL`))
      .orderBy(asc(clients.segment)),
    db.select({ id: clients.id, name: clients.name }).from(clients).where(where).orderBy(asc(clients.name)),
  ]);
  return { segments: segments.map((s) => s.segment as string), clients: list };
}
