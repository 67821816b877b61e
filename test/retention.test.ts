import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";
import { retentionCutoff } from "#worker/core/retention/retention-rules";
import worker from "#worker/index";

import { asUser, clientNamed, JANE, type Json, one, TODAY, VP } from "./helpers";

// The daily retention run (issue 8, part 7) with dated rows on both sides of each cutoff: health
// and usage history 3 years, CSM activities 7 years, closed alerts 1 year (with their delivery
// log); an open alert is kept whatever its age. The dry run counts exactly what the run deletes.

const cut = (years: number) => retentionCutoff(TODAY, years);
const exists = async (table: string, id: string) =>
  (await one(`SELECT count(*) AS n FROM ${table} WHERE id = ?`, id)).n === 1;
let userId: string;
let clientId: string;

beforeAll(async () => {
  clientId = (await clientNamed("Acme Corporation")).id;
  userId = (await one("SELECT id FROM platform_users WHERE client_id = ? LIMIT 1", clientId)).id;
  const user = userId;
  const day = (years: number, delta: number) => addDays(cut(years), delta);
  const stmts = [
    [
      "INSERT INTO client_health_scores (id, client_id, date, overall_score) VALUES (?, ?, ?, 50)",
      "hs_old",
      clientId,
      day(3, -1),
    ],
    [
      "INSERT INTO client_health_scores (id, client_id, date, overall_score) VALUES (?, ?, ?, 50)",
      "hs_edge",
      clientId,
      day(3, 0),
    ],
    ["INSERT INTO client_usage_metrics (id, client_id, date) VALUES (?, ?, ?)", "um_old", clientId, day(3, -1)],
    [
      "INSERT INTO client_activities (id, client_id, activity_type, subject, performed_by_id, occurred_at) VALUES (?, ?, 'CALL', 'Old call', 'usr_jane_smith', ?)",
      "act_old",
      clientId,
      `${day(7, -1)}T10:00:00.000Z`,
    ],
    [
      "INSERT INTO client_activities (id, client_id, activity_type, subject, performed_by_id, occurred_at) VALUES (?, ?, 'CALL', 'Six-year-old call', 'usr_jane_smith', ?)",
      "act_kept",
      clientId,
      `${day(7, 400)}T10:00:00.000Z`,
    ],
    [
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status, created_at) VALUES (?, ?, 'USAGE_DECLINE', 'MEDIUM', 'Old', 'Old and resolved', 'RESOLVED', ?)",
      "al_old",
      clientId,
      `${day(1, -1)}T09:00:00.000Z`,
    ],
    [
      "INSERT INTO alert_deliveries (id, alert_id, channel, attempt, status, at) VALUES (?, 'al_old', 'email', 1, 'SENT', ?)",
      "dl_old",
      `${day(1, -1)}T09:01:00.000Z`,
    ],
    [
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status, created_at) VALUES (?, ?, 'USAGE_DECLINE', 'MEDIUM', 'Old', 'Old but still open', 'ACKNOWLEDGED', ?)",
      "al_open",
      clientId,
      `${day(1, -30)}T09:00:00.000Z`,
    ],
    [
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status, created_at) VALUES (?, ?, 'USAGE_DECLINE', 'MEDIUM', 'Recent', 'Resolved this year', 'DISMISSED', ?)",
      "al_recent",
      clientId,
      `${day(1, 1)}T09:00:00.000Z`,
    ],
    ["INSERT INTO user_daily_activity (user_id, client_id, date) VALUES (?, ?, ?)", user, clientId, day(3, -1)],
  ] as const;
  await env.DB.batch(stmts.map(([q, ...b]) => env.DB.prepare(q).bind(...b)));
});

describe("data retention", () => {
  it("reports in a dry run exactly what the daily run then deletes, and keeps the rest", async () => {
    expect((await asUser(JANE, "/retention")).status).toBe(403);
    const dry = await (await asUser(VP, "/retention")).json<Json>();
    expect(dry).toMatchObject({ dry_run: true, as_of: TODAY });
    const line = (t: string) => dry.lines.find((l: Json) => l.table === t);
    expect(line("client_health_scores")).toMatchObject({ kind: "health score history", years: 3, cutoff: cut(3) });
    expect(line("client_activities")).toMatchObject({ years: 7, cutoff: cut(7) });
    expect(line("client_alerts")).toMatchObject({ years: 1, cutoff: cut(1) });
    // The dry run counts what SQL finds on the same conditions, and changes nothing.
    expect(line("client_health_scores").rows).toBe(
      (await one("SELECT count(*) AS n FROM client_health_scores WHERE date < ?", cut(3))).n,
    );
    expect(line("client_alerts").rows).toBe(
      (
        await one(
          "SELECT count(*) AS n FROM client_alerts WHERE created_at < ? AND status IN ('RESOLVED', 'DISMISSED')",
          cut(1),
        )
      ).n,
    );
    expect(line("client_alerts").rows).toBeGreaterThanOrEqual(1);
    expect(await exists("client_health_scores", "hs_old")).toBe(true);

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "30 3 * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);

    for (const [table, id] of [
      ["client_health_scores", "hs_old"],
      ["client_usage_metrics", "um_old"],
      ["client_activities", "act_old"],
      ["client_alerts", "al_old"],
      ["alert_deliveries", "dl_old"],
    ]) {
      expect(await exists(table, id), `${table} ${id}`).toBe(false);
    }
    for (const [table, id] of [
      ["client_health_scores", "hs_edge"],
      ["client_activities", "act_kept"],
      ["client_alerts", "al_open"],
      ["client_alerts", "al_recent"],
    ]) {
      expect(await exists(table, id), `${table} ${id}`).toBe(true);
    }
    expect(
      (await one("SELECT count(*) AS n FROM user_daily_activity WHERE user_id = ? AND date < ?", userId, cut(3))).n,
    ).toBe(0);
    const audit = await one(
      "SELECT user_email, action, details FROM audit_log WHERE resource_type = 'retention' AND action = 'delete' ORDER BY at DESC LIMIT 1",
    );
    const details = JSON.parse(audit.details);
    expect(audit.user_email).toBe("system:retention");
    expect(details.total).toBe(dry.total);
    expect(details.removed.client_alerts).toBe(line("client_alerts").rows);

    // Nothing is left for the next run.
    const after = await (await asUser(VP, "/retention")).json<Json>();
    expect(after.total).toBe(0);
  });
});
