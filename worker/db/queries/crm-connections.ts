import { eq, type SQL, sql } from "drizzle-orm";

import type { CrmProvider, FieldMapping } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import { crmConnections } from "#worker/db/schema";

// The CRM connections (one row per provider): read, saved and marked after each pull.

export type CrmConnectionRow = typeof crmConnections.$inferSelect;
type ConnectionInsert = typeof crmConnections.$inferInsert;

export async function findCrmConnection(db: Db, provider: CrmProvider): Promise<CrmConnectionRow | undefined> {
  const [row] = await db.select().from(crmConnections).where(eq(crmConnections.provider, provider)).limit(1);
  return row;
}

/** The stored field mapping alone (webhooks read it before every change they apply). */
export async function crmFieldMapping(db: Db, provider: CrmProvider): Promise<Partial<FieldMapping> | undefined> {
  const [row] = await db
    .select({ m: crmConnections.field_mapping })
    .from(crmConnections)
    .where(eq(crmConnections.provider, provider))
    .limit(1);
  return row?.m;
}

export async function enabledCrmProviders(db: Db): Promise<CrmProvider[]> {
  return (
    await db.select({ p: crmConnections.provider }).from(crmConnections).where(eq(crmConnections.enabled, true))
  ).map((r) => r.p);
}

/**
 * Insert, or update only the columns in `set`; the mapping patch is merged in SQL onto the
 * stored mapping (json_patch), so a parallel save of other keys is kept.
 */
export async function saveCrmConnection(
  db: Db,
  values: ConnectionInsert,
  set: Omit<Partial<ConnectionInsert>, "field_mapping">,
  mappingPatch: Partial<FieldMapping>,
): Promise<void> {
  const withMapping = {
    ...set,
    field_mapping:
      sql`json_patch(coalesce(${crmConnections.field_mapping}, '{}'), ${JSON.stringify(mappingPatch)})` as SQL,
  } as Partial<ConnectionInsert>;
  await db
    .insert(crmConnections)
    .values(values)
    .onConflictDoUpdate({ target: crmConnections.provider, set: withMapping });
}

export async function markCrmPulled(db: Db, provider: CrmProvider, stamp: string): Promise<void> {
  await db
    .update(crmConnections)
    .set({ last_pull_at: stamp, last_pull_error: null })
    .where(eq(crmConnections.provider, provider));
}

export async function markCrmPullFailed(db: Db, provider: CrmProvider, error: string): Promise<void> {
  await db.update(crmConnections).set({ last_pull_error: error }).where(eq(crmConnections.provider, provider));
}
