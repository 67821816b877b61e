import { type SQL, sql } from "drizzle-orm";
import { check, integer, text } from "drizzle-orm/sqlite-core";

// Shared column conventions.
// - Ids are TEXT: prefixed ids from the seed ("cli_…") and crypto.randomUUID() from the app.
// - Dates are TEXT: "YYYY-MM-DD" for calendar days, ISO-8601 UTC ("…Z") for instants, so they
//   sort and compare as strings in SQL and need no conversion at the edges.
// - Arrays and objects are JSON text, typed through drizzle's json mode (see worker/db/json.ts).
// - Money is whole US dollars in INTEGER columns (docs/decisions/001-money-as-integer-usd.md).

export const id = () => text("id").primaryKey();
export const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const updatedAt = () =>
  text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const bool = (name: string) => integer(name, { mode: "boolean" });
export const jsonText = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

/** A CHECK that keeps an enum column inside its values (NULL passes: nullability is separate). */
export function enumCheck(table: string, column: { name: string }, values: readonly string[]) {
  const list = values.map((v) => `'${v}'`).join(", ");
  return check(`${table}_${column.name}_check`, sql.raw(`"${column.name}" IN (${list})`) as SQL);
}

/** A CHECK for an integer range such as a 0–100 score. */
export function rangeCheck(table: string, column: { name: string }, min: number, max: number) {
  return check(
    `${table}_${column.name}_range`,
    sql.raw(`"${column.name}" IS NULL OR ("${column.name}" BETWEEN ${min} AND ${max})`) as SQL,
  );
}
