import { env } from "cloudflare:test";
import { vi } from "vitest";

import type { Fixture } from "./access-policies";
import { type Json, one } from "./db";
import { ADMIN, asUserDirect as asUser, JANE, json } from "./http";

// The records the access matrix and the hostile-input tests call routes on: a client of Jane's
// (the CSM), her activity, saved view, chat and an alert on the client, plus makers of fresh
// notes and contacts for the calls that delete or edit one.

export async function makeFixture(): Promise<Fixture> {
  const client = await one(
    "SELECT id, ae_user_id, industry FROM clients WHERE csm_user_id = 'usr_jane_smith' ORDER BY name LIMIT 1",
  );
  // A senior CSM who does not own the client (the test portfolio may have none).
  await env.DB.prepare(
    "INSERT OR IGNORE INTO ethico_users (id, email, first_name, last_name, role, is_active) VALUES ('usr_matrix_senior', 'senior.matrix@ethico.test', 'Sam', 'Senior', 'SENIOR_CSM', 1)",
  ).run();
  const activity = (await (
    await asUser(
      JANE,
      `/clients/${client.id}/activities`,
      json("POST", {
        activity_type: "CALL",
        subject: "Matrix call",
        occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
      }),
    )
  ).json()) as Json;
  const view = (await (
    await asUser(JANE, "/views", json("POST", { name: "Matrix view", query: { sort: "name" } }))
  ).json()) as Json;
  const chat = (await (
    await asUser(JANE, "/ai/chat", json("POST", { message: "show me at-risk clients" }))
  ).json()) as Json;
  await env.DB.prepare(
    "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status, created_at) VALUES ('al_matrix', ?, 'USAGE_DECLINE', 'MEDIUM', 'Usage down', 'Matrix alert', 'NEW', ?)",
  )
    .bind(client.id, new Date().toISOString())
    .run();
  const configs = (await (await asUser(ADMIN, "/config/health-score")).json()) as Json;
  const feature = await one("SELECT feature_key FROM client_feature_adoptions WHERE client_id = ? LIMIT 1", client.id);
  const fx: Fixture = {
    clientId: client.id,
    aeOwnsClient: client.ae_user_id === "usr_ae",
    industry: client.industry,
    activityId: activity.id,
    viewId: view.id,
    conversationId: chat.conversation_id,
    interactionId: chat.interaction_id,
    alertId: "al_matrix",
    configId: (configs.data ?? configs)[0].id,
    featureKey: feature.feature_key,
    // A fresh note or contact of Jane's for each call that deletes or edits one.
    newNote: async () =>
      (
        (await (
          await asUser(
            JANE,
            `/clients/${client.id}/notes`,
            json("POST", { content: "Matrix note", note_type: "GENERAL" }),
          )
        ).json()) as Json
      ).id,
    newActivity: async () =>
      (
        (await (
          await asUser(
            JANE,
            `/clients/${client.id}/activities`,
            json("POST", {
              activity_type: "CALL",
              subject: "Matrix call to delete",
              occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
            }),
          )
        ).json()) as Json
      ).id,
    newContact: async () =>
      (
        (await (
          await asUser(JANE, `/clients/${client.id}/contacts`, json("POST", { name: "Matrix Person", role: "OTHER" }))
        ).json()) as Json
      ).id,
  };
  const missing = Object.entries(fx)
    .filter(([, v]) => v === undefined || v === null)
    .map(([k]) => k);
  if (missing.length) throw new Error(`access fixture incomplete: ${missing.join(", ")}`);
  return fx;
}

/**
 * Counts every row written to an app table other than the audit trail, with triggers made for
 * the test file's own database (SQLite's total_changes() also counts D1's own bookkeeping).
 */
export async function installWriteCounter(): Promise<void> {
  await env.DB.prepare("CREATE TABLE IF NOT EXISTS _test_writes (at_table TEXT NOT NULL, op TEXT NOT NULL)").run();
  const tables = (
    await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'audit_log', 'audit_refusal_counts', 'metric_points', '_test_writes')",
    ).all<{ name: string }>()
  ).results;
  const triggers = tables.flatMap(({ name }) =>
    ["INSERT", "UPDATE", "DELETE"].map((op) =>
      env.DB.prepare(
        `CREATE TRIGGER IF NOT EXISTS "_tw_${name}_${op}" AFTER ${op} ON "${name}" BEGIN INSERT INTO _test_writes VALUES ('${name}', '${op}'); END`,
      ),
    ),
  );
  await env.DB.batch(triggers);
}

/**
 * Rows written so far outside the audit trail (installWriteCounter), the audit trail's size plus
 * the refusals only counted, not written (audit_refusal_counts, decision 016),
 * (the last rowid counts the append-only tables without a scan), and the last five writes.
 */
export async function changeCounters(): Promise<{ writes: number; audit: number; tables: string[] }> {
  const r = await one<{ writes: number; audit: number; tables: string | null }>(
    "SELECT (SELECT coalesce(max(rowid), 0) FROM _test_writes) AS writes, (SELECT coalesce(max(rowid), 0) FROM audit_log) + (SELECT coalesce(sum(refused), 0) FROM audit_refusal_counts) AS audit, (SELECT group_concat(at_table || ' ' || op) FROM (SELECT at_table, op FROM _test_writes ORDER BY rowid DESC LIMIT 5)) AS tables",
  );
  return { writes: r.writes, audit: r.audit, tables: r.tables ? r.tables.split(",") : [] };
}

/**
 * For a test that measures writes: the queue producers keep their messages, whose consumers would
 * otherwise write in the background between the measurements (asUserDirect already waits for a
 * request's own waitUntil work). Call in beforeEach: spies are restored after each test.
 */
export function quietBackground(): void {
  for (const q of [env.RECALC_QUEUE, env.EVENTS_QUEUE, env.CRM_SYNC_QUEUE, env.ALERT_DELIVERY_QUEUE]) {
    vi.spyOn(q, "send").mockResolvedValue(undefined as never);
    vi.spyOn(q, "sendBatch").mockResolvedValue(undefined as never);
  }
}
