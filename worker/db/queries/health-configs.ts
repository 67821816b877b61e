import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { isUniqueViolation } from "#worker/db/constraint";
import { clientHealthScores, clients, healthScoreConfigs } from "#worker/db/schema";

export type HealthConfigRecord = typeof healthScoreConfigs.$inferSelect;

export async function listConfigs(db: Db): Promise<HealthConfigRecord[]> {
  return db
    .select()
    .from(healthScoreConfigs)
    .orderBy(desc(healthScoreConfigs.is_active), asc(healthScoreConfigs.created_at));
}

export async function findConfig(db: Db, id: string): Promise<HealthConfigRecord | undefined> {
  return db.query.healthScoreConfigs.findFirst({ where: eq(healthScoreConfigs.id, id) });
}

/** The active config for exactly this scope, if any (a scope has one active version at a time). */
export async function findActiveForScope(
  db: Db,
  scope: Pick<HealthConfigRecord, "applies_to_tier" | "applies_to_segment" | "applies_to_client_id" | "is_default">,
) {
  const isNullOr = (
    col:
      | typeof healthScoreConfigs.applies_to_tier
      | typeof healthScoreConfigs.applies_to_segment
      | typeof healthScoreConfigs.applies_to_client_id,
    v: string | null,
  ) => (v === null ? sql`${col} IS NULL` : eq(col, v as never));
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

const toSqlValue = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v);

/**
 * Saving a version: retire the old row and add the new one, in one transaction. The retire must
 * change exactly one row (the old version, still active); the insert runs only if it did
 * (`changes() = 1` reads the UPDATE just before it), so a parallel save that already retired
 * it makes this one change nothing. Returns false then; the caller answers 409. The unique index
 * on active scopes (migration 0020) is the backstop: a second active row fails the whole batch.
 */
export async function insertVersion(
  db: Db,
  row: typeof healthScoreConfigs.$inferInsert,
  retireId: string | null,
): Promise<boolean> {
  const d1 = db.$client;
  const cols = Object.keys(row);
  const values = cols.map((c) => toSqlValue((row as Record<string, unknown>)[c]));
  const list = cols.map((c) => `"${c}"`).join(", ");
  const marks = cols.map(() => "?").join(", ");
  try {
    if (!retireId) {
      await d1
        .prepare(`INSERT INTO health_score_configs (${list}) VALUES (${marks})`)
        .bind(...values)
        .run();
      return true;
    }
    const [retired, inserted] = await d1.batch([
      d1
        .prepare("UPDATE health_score_configs SET is_active = 0, updated_at = ? WHERE id = ? AND is_active = 1")
        .bind(row.created_at ?? null, retireId),
      d1.prepare(`INSERT INTO health_score_configs (${list}) SELECT ${marks} WHERE changes() = 1`).bind(...values),
    ]);
    // meta.changes counts rows written by triggers too (the tests' write counters), so "at least one".
    return retired.meta.changes > 0 && inserted.meta.changes > 0;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
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
