import { sql } from "drizzle-orm";

import type { RetentionRule } from "#worker/core/retention/retention-rules";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

// Retention: rows older than a rule's cutoff, counted (dry run) or deleted a chunk at a time.
// Table and column names come from core/retention's fixed rules, never from a request.

const condition = (r: RetentionRule, cutoff: string) =>
  sql`${sql.identifier(r.column)} < ${cutoff}${r.onlyWhen ? sql` AND ${sql.raw(r.onlyWhen)}` : sql``}`;

export async function countOlderThan(db: Db, r: RetentionRule, cutoff: string): Promise<number> {
  const [rows] = await rawBatch(db, [
    sql`SELECT count(*) AS n FROM ${sql.identifier(r.table)} WHERE ${condition(r, cutoff)}`,
  ]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Deletes up to `chunk` old rows in one D1 batch with what depends on them (an alert's delivery
 * log goes with the alert); returns how many rows of the rule's table went.
 */
export async function deleteChunkOlderThan(db: Db, r: RetentionRule, cutoff: string, chunk: number): Promise<number> {
  const rowids = sql`SELECT rowid FROM ${sql.identifier(r.table)} WHERE ${condition(r, cutoff)} LIMIT ${chunk}`;
  const statements = [];
  if (r.table === "client_alerts")
    statements.push(
      sql`DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM client_alerts WHERE rowid IN (${rowids}))`,
    );
  statements.push(sql`DELETE FROM ${sql.identifier(r.table)} WHERE rowid IN (${rowids}) RETURNING 1 AS gone`);
  const results = await rawBatch(db, statements);
  return results.at(-1)?.length ?? 0;
}
