import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { clientHealthScores, clients, healthScoreConfigs } from "../schema";

export type HealthConfigRecord = typeof healthScoreConfigs.$inferSelect;

export async function listConfigs(db: Db): Promise<HealthConfigRecord[]> {
  return db.select().from(healthScoreConfigs).orderBy(desc(healthScoreConfigs.is_active), asc(healthScoreConfigs.created_at));
}

export async function findConfig(db: Db, id: string): Promise<HealthConfigRecord | undefined> {
  return db.query.healthScoreConfigs.findFirst({ where: eq(healthScoreConfigs.id, id) });
}

/** The active config for exactly this scope, if any (a scope has one active version at a time). */
export async function findActiveForScope(db: Db, scope: Pick<HealthConfigRecord, "applies_to_tier" | "applies_to_segment" | "applies_to_client_id" | "is_default">) {
  const isNullOr = (col: typeof healthScoreConfigs.applies_to_tier | typeof healthScoreConfigs.applies_to_segment | typeof healthScoreConfigs.applies_to_client_id, v: string | null) =>
    v === null ? sql`${col} IS NULL` : eq(col, v as never);
  return db.query.healthScoreConfigs.findFirst({
    where: and(
      eq(healthScoreConfigs.is_active, true),
      isNullOr(healthScoreConfigs.applies_to_tier, scope.applies_to_tier),
      isNullOr(healthScoreConfigs.applies_to_segment, scope.applies_to_segment),
      isNullOr(healthScoreConfigs.applies_to_client_id, scope.applies_to_client_id),
      eq(healthScoreConfigs.is_default, scope.is_default),
    ),
  });
}

/** Saving a version: retire the old row and add the new one, in one transaction. */
export async function insertVersion(db: Db, row: typeof healthScoreConfigs.$inferInsert, retireId: string | null) {
  if (retireId) {
    await db.batch([
      db.update(healthScoreConfigs).set({ is_active: false, updated_at: row.created_at }).where(eq(healthScoreConfigs.id, retireId)),
      db.insert(healthScoreConfigs).values(row),
    ]);
  } else {
    await db.insert(healthScoreConfigs).values(row);
  }
}

/** Latest component scores of the clients matching `where` (the simulation's input). */
export async function latestComponents(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: clients.id,
      name: clients.name,
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
}
