import { RANK_ALL_ADOPTION_PERCENTILES_SQL } from "#worker/db/adoption-percentile-sql";
import { REBUILD_HEALTH_ROLLUP_SQL } from "#worker/db/health-rollup-sql";

import { generatePortfolio, type SeedOptions } from "../../scripts/seed/generate";
import type { TableRows } from "../../scripts/seed/rows";
import { TODAY } from "./clock";

// The same generator as `npm run seed`, written through the D1 binding: tests run against a
// small but complete portfolio (Acme and Beta included) instead of hand-made fixtures. One fixed
// seed on the pinned day (./clock): the same history on every run, with churned renewals on both
// sides of the churn backtest's cutoff (the churn tests fail, not skip, if that ever changes).

export const TEST_SEED: Omit<SeedOptions, "asOf"> = { clients: 24, days: 400, seed: "test", userDays: 60 };

/** `now` (default: the current, pinned time) is the moment nothing seeded may be stamped after. */
export async function seedD1(db: D1Database, asOf: string = TODAY, now: Date = new Date()): Promise<void> {
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
  const stampNow = now.toISOString().slice(0, 10) === asOf ? now.toISOString() : undefined;
  for (const chunk of generatePortfolio({ ...TEST_SEED, asOf, now: stampNow })) add(chunk.rows);
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
  await db.batch([...REBUILD_HEALTH_ROLLUP_SQL, RANK_ALL_ADOPTION_PERCENTILES_SQL].map((q) => db.prepare(q)));
}
