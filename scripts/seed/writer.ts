import { type DatabaseSync, type StatementSync } from "node:sqlite";

import type { Row } from "./rows";

/** Inserts rows table by table with cached prepared statements, in explicit transactions. */
export class SqliteWriter {
  private readonly statements = new Map<string, { columns: string[]; stmt: StatementSync }>();
  readonly counts: Record<string, number> = {};

  constructor(readonly db: DatabaseSync) {
    db.exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF;");
  }

  insert(table: string, rows: Row[]): void {
    if (rows.length === 0) return;
    let entry = this.statements.get(table);
    if (!entry) {
      const columns = Object.keys(rows[0]);
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
      entry = { columns, stmt: this.db.prepare(sql) };
      this.statements.set(table, entry);
    }
    for (const row of rows) {
      entry.stmt.run(
        ...entry.columns.map((c) => {
          const v = row[c];
          return typeof v === "boolean" ? (v ? 1 : 0) : (v ?? null);
        }),
      );
    }
    this.counts[table] = (this.counts[table] ?? 0) + rows.length;
  }

  transaction(fn: () => void): void {
    this.db.exec("BEGIN");
    try {
      fn();
      this.db.exec("COMMIT");
    } catch (err) {
      this.db.exec("ROLLBACK");
      throw err;
    }
  }
}

/** Tables the seed fills: a database with a row in any of them is not empty. */
export const SEEDED_TABLES = [
  "audit_log",
  "ai_interactions",
  "ingested_events",
  "feature_daily_usage",
  "saved_views",
  "client_alerts",
  "renewal_outcomes",
  "survey_responses",
  "support_tickets",
  "user_daily_activity",
  "platform_users",
  "client_notes",
  "client_activities",
  "client_contacts",
  "client_feature_adoptions",
  "client_usage_metrics",
  "client_health_scores",
  "clients",
  "organizations",
  "health_score_configs",
  "ethico_users",
] as const;

/** Every table the migrations made (not SQLite's, D1's or Cloudflare's own bookkeeping). */
export function appTables(db: DatabaseSync): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}
