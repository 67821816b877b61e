import type { TableRows } from "../../scripts/seed/rows";
import { generatePortfolio, type SeedOptions } from "../../scripts/seed/generate";
import { REBUILD_HEALTH_ROLLUP_SQL } from "../../worker/db/health-rollup-sql";

// The same generator as `npm run seed`, written through the D1 binding: tests run against a
// small but complete portfolio (Acme and Beta included) instead of hand-made fixtures.

export const TEST_SEED: Omit<SeedOptions, "asOf"> = { clients: 24, days: 400, seed: "test", userDays: 60 };

export async function seedD1(db: D1Database, asOf: string): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  const add = (rows: TableRows) => {
    for (const [table, list] of Object.entries(rows)) {
      if (list.length === 0) continue;
      const columns = Object.keys(list[0]);
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`;
      const stmt = db.prepare(sql);
      for (const row of list) statements.push(stmt.bind(...columns.map((c) => row[c] ?? null)));
    }
  };
  for (const chunk of generatePortfolio({ ...TEST_SEED, asOf })) add(chunk.rows);
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
  await db.batch(REBUILD_HEALTH_ROLLUP_SQL.map((q) => db.prepare(q)));
}
