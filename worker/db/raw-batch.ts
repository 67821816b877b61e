import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

import type { Db } from "./client";

// Runs drizzle `sql` fragments as one D1 batch (one round trip, one transaction). drizzle's own
// db.batch() cannot take raw queries that have parameters (drizzle-orm 0.45: it binds through a
// prepared statement raw queries do not have), so the fragments are rendered here.

const dialect = new SQLiteAsyncDialect();

export type RawRow = Record<string, unknown>;

export async function rawBatch(db: Db, queries: SQL[]): Promise<RawRow[][]> {
  if (queries.length === 0) return [];
  const d1 = db.$client;
  const statements = queries.map((q) => {
    const { sql, params } = dialect.sqlToQuery(q);
    return d1.prepare(sql).bind(...params);
  });
  const results = await d1.batch<RawRow>(statements);
  return results.map((r) => r.results ?? []);
}
