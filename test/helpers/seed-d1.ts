import type { TableRows } from "../../scripts/seed/rows";
import { generatePortfolio, type SeedOptions } from "../../scripts/seed/generate";
import { addDays } from "../../worker/core/dates";
import { RANK_ALL_ADOPTION_PERCENTILES_SQL } from "../../worker/db/adoption-percentile-sql";
import { REBUILD_HEALTH_ROLLUP_SQL } from "../../worker/db/health-rollup-sql";

// The same generator as `npm run seed`, written through the D1 binding: tests run against a
// small but complete portfolio (Acme and Beta included) instead of hand-made fixtures.

export const TEST_SEED: Omit<SeedOptions, "asOf"> = { clients: 24, days: 400, seed: "test", userDays: 60 };

/**
 * The generator's seed for the test portfolio as of a date: "test" if its history has churns on
 * both sides of the churn backtest's cutoff (180 days before the date), else the first of
 * "test-2", "test-3", … that has. The simulated history depends on the calendar (weekdays), so
 * with 24 clients about one date in three had no churn before the cutoff, and the churn tests
 * found no backtest to check on those days.
 */
export function testSeedFor(asOf: string): string {
  const cutoff = addDays(asOf, -180);
  for (let i = 1; i <= 30; i++) {
    const seed = i === 1 ? TEST_SEED.seed : `${TEST_SEED.seed}-${i}`;
    let before = 0;
    let after = 0;
    for (const chunk of generatePortfolio({ ...TEST_SEED, seed, asOf })) {
      for (const r of chunk.rows.renewal_outcomes ?? []) {
        if (r.outcome !== "CHURNED") continue;
        if (String(r.renewal_date) < cutoff) before++;
        else after++;
      }
    }
    if (before > 0 && after > 0) return seed;
  }
  throw new Error(`no test seed up to ${TEST_SEED.seed}-30 has churns on both sides of ${cutoff}`);
}

/** `now` (default: the current time) is the moment nothing seeded may be stamped after. */
export async function seedD1(db: D1Database, asOf: string, now: Date = new Date()): Promise<void> {
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
  for (const chunk of generatePortfolio({ ...TEST_SEED, seed: testSeedFor(asOf), asOf, now: stampNow })) add(chunk.rows);
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
  await db.batch([...REBUILD_HEALTH_ROLLUP_SQL, RANK_ALL_ADOPTION_PERCENTILES_SQL].map((q) => db.prepare(q)));
}
