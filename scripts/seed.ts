import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";

import { isCalendarDate, isoDate } from "#worker/core/dates";
import { RANK_ALL_ADOPTION_PERCENTILES_SQL } from "#worker/db/adoption-percentile-sql";
import { REBUILD_HEALTH_ROLLUP_SQL } from "#worker/db/health-rollup-sql";

import { findLocalD1File } from "./seed/d1-file";
import { generatePortfolio } from "./seed/generate";
import { appTables, SEEDED_TABLES, SqliteWriter } from "./seed/writer";

// npm run seed -- [--clients N] [--days D] [--seed S] [--as-of YYYY-MM-DD] [--user-days U]
//                 [--if-empty] [--reset] [--state DIR | --db FILE]
// Same seed and as-of date → the same data, byte for byte (as of today: up to the time of day,
// since nothing is stamped after the moment of seeding).

const USAGE =
  "usage: npm run seed -- [--clients 250] [--days 400] [--seed demo] [--as-of YYYY-MM-DD] [--user-days 120] [--if-empty | --reset] [--state WRANGLER_STATE_DIR | --db FILE]";

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

process.on("uncaughtException", (err) => {
  console.error(err instanceof UsageError ? `seed: ${err.message}\n${USAGE}` : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) fail(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

const { values } = parseArgs({
  options: {
    clients: { type: "string" },
    days: { type: "string" },
    seed: { type: "string" },
    "as-of": { type: "string" },
    "user-days": { type: "string" },
    "if-empty": { type: "boolean" },
    reset: { type: "boolean" },
    db: { type: "string" },
    state: { type: "string" },
    help: { type: "boolean" },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const clients = whole("clients", values.clients, 250, 2, 50_000);
const days = whole("days", values.days, 400, 60, 1500);
const userDays = Math.min(days, whole("user-days", values["user-days"], 120, 30, 1500));
const current = new Date();
const asOf = values["as-of"] ?? isoDate(current);
if (!isCalendarDate(asOf)) fail(`--as-of must be a date like 2026-11-24, got "${asOf}"`);
if (asOf > isoDate(current))
  fail(`--as-of cannot be after today (${isoDate(current)}): the data would lie in the future`);
// Seeded as of today, nothing is stamped after this moment (an as-of date in the past ends at midnight).
const now = asOf === isoDate(current) ? current.toISOString() : undefined;
const seed = values.seed ?? "demo";

const path = values.db ?? findLocalD1File(values.state);
const db = new DatabaseSync(path);
// "Empty" means no seeded table holds a row: a database with any data is never mixed into.
const existing = SEEDED_TABLES.filter((t) => db.prepare(`SELECT 1 FROM "${t}" LIMIT 1`).get() !== undefined);
if (existing.length > 0) {
  if (values["if-empty"]) {
    console.log(`seed: ${path} already holds data (${existing.join(", ")}); leaving it as it is.`);
    process.exit(0);
  }
  if (!values.reset)
    fail(
      `the database already holds data (${existing.join(", ")}); pass --reset to replace it (everything is deleted first)`,
    );
}

// The seed is one big transaction. In D1's WAL mode every page went to the write-ahead log first
// and was copied into the file again at the checkpoint (5 GB twice at 10,000 clients), and each
// read looked pages up in an ever larger WAL index; with a rollback journal the new pages go
// straight into the file (10,000 clients: 221 s instead of 333 s). WAL comes back once it is
// written. If a running `wrangler dev` holds the database open, the mode cannot change and the
// seed simply runs in WAL mode.
const journalMode = (mode?: string) =>
  (db.prepare(`PRAGMA journal_mode${mode ? ` = ${mode}` : ""}`).get() as { journal_mode: string }).journal_mode;
const leftWal = (() => {
  try {
    return journalMode() === "wal" && journalMode("DELETE") === "delete";
  } catch {
    return false;
  }
})();
const writer = new SqliteWriter(db);
const started = Date.now();
let churned = 0;
const showProgress = clients >= 1000;
// One transaction: a seed that fails part-way leaves the database exactly as it was.
writer.transaction(() => {
  // A reset empties every table of the app, not only the seeded ones: rows the app wrote since
  // (alert deliveries, churn models, CRM state…) would otherwise point at deleted clients.
  if (existing.length > 0) {
    db.exec("PRAGMA defer_foreign_keys = ON");
    // The audit trail refuses deletes (migration 0016): its triggers step aside for the reset,
    // which is the developer's tool, not the app, and come back in the same transaction.
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
      name: string;
      sql: string;
    }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    for (const table of appTables(db)) db.exec(`DELETE FROM "${table}"`);
    for (const t of triggers) db.exec(t.sql);
  }
  for (const chunk of generatePortfolio({ clients, days, seed, asOf, userDays, now })) {
    for (const [table, rows] of Object.entries(chunk.rows)) writer.insert(table, rows);
    if (chunk.kind !== "client") continue;
    if (!chunk.active) churned++;
    if (showProgress && chunk.active && chunk.activeSoFar % 500 === 0) {
      console.log(
        `seed: ${chunk.activeSoFar}/${clients} active clients (${churned} churned) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }
  // What the app keeps beside the snapshots, built from them as the app would.
  for (const q of REBUILD_HEALTH_ROLLUP_SQL) db.exec(q);
  db.exec(RANK_ALL_ADOPTION_PERCENTILES_SQL);
});
db.exec("PRAGMA optimize");
if (leftWal) journalMode("WAL");
db.close();
const total = Object.values(writer.counts).reduce((a, b) => a + b, 0);
console.log(
  `seed: ${clients} active + ${churned} churned clients, ${days} days to ${asOf}, seed "${seed}": ${total.toLocaleString("en-US")} rows in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path}`,
);
for (const [table, n] of Object.entries(writer.counts))
  console.log(`  ${table.padEnd(26)} ${n.toLocaleString("en-US")}`);
