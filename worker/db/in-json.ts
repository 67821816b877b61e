import { type Column, type SQL, sql } from "drizzle-orm";

/**
 * `column IN (values)` with the whole list bound as one JSON parameter. D1 binds at most 100
 * parameters per statement, and CRM pulls and sync chunks easily carry more ids than that.
 */
export const inJson = (column: Column | SQL, values: readonly string[]): SQL =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
