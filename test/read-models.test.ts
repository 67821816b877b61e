import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { isoDate } from "#worker/core/dates";
import { traceableD1 } from "#worker/db/sql-trace";

import { asUser, JANE, type Json, PAGE, rows, TODAY, VP } from "./helpers";

// What the pages read instead of aggregating history (issue 9): the daily health rollup stays
// equal to the snapshots it sums after a recalculation, and the whole-portfolio figures read
// from it match the snapshots; and the local SQL trace the benchmark replays on raw SQLite.

const fromSnapshots = (date: string) =>
  rows(
    `SELECT c.contract_tier, count(*) AS clients, sum(h.overall_score) AS score_sum, sum(h.overall_score >= 80) AS green, sum(h.overall_score >= 60 AND h.overall_score < 80) AS yellow,
    sum(h.overall_score >= 40 AND h.overall_score < 60) AS orange, sum(h.overall_score < 40) AS red
    FROM client_health_scores h JOIN clients c ON c.id = h.client_id WHERE h.date = ? GROUP BY c.contract_tier ORDER BY 1`,
    date,
  );
const rollup = (date: string) =>
  rows(
    "SELECT contract_tier, clients, score_sum, green, yellow, orange, red FROM health_daily_rollup WHERE date = ? ORDER BY 1",
    date,
  );

describe("the daily health rollup", () => {
  it("equals the snapshots it sums, for every seeded day and after a recalculation moves a score", async () => {
    const days = (await rows("SELECT DISTINCT date FROM client_health_scores ORDER BY date DESC LIMIT 3")).map(
      (r) => r.date as string,
    );
    for (const d of days) expect(await rollup(d), d).toEqual(await fromSnapshots(d));
    const client = (
      await rows("SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith' AND account_status = 'ACTIVE' LIMIT 1")
    )[0];
    // Push the client's usage down, then recalculate through the API as a CSM would.
    await env.DB.prepare("UPDATE client_health_scores SET overall_score = 5 WHERE client_id = ? AND date = ?")
      .bind(client.id, TODAY)
      .run();
    expect((await asUser(JANE, `/clients/${client.id}/health/refresh`, { method: "POST" })).status).toBe(200);
    expect(await rollup(TODAY)).toEqual(await fromSnapshots(TODAY));
  });

  it("feeds the VP's trend and comparisons with the snapshots' own figures", async () => {
    const d = await (await asUser(VP, "/analytics/health-distribution?days=28")).json<Json>();
    for (const h of d.history as Json[]) {
      const s = await fromSnapshots(h.date);
      const n = s.reduce((t, r) => t + r.clients, 0);
      expect(h.clients, h.date).toBe(n);
      expect(h.green, h.date).toBe(s.reduce((t, r) => t + r.green, 0));
    }
    // The week-ago at-risk count behind the VP's summary card: clients scored under 60 that day.
    const summary = await (await asUser(VP, "/analytics/portfolio")).json<Json>();
    const weekAgo = isoDate(new Date(Date.now() - 7 * 86_400_000));
    const then = (
      await rows("SELECT count(*) AS n FROM client_health_scores WHERE date = ? AND overall_score < 60", weekAgo)
    )[0].n;
    expect(summary.at_risk.change_vs_last_week).toBe(summary.at_risk.value - then);
  });
});

describe("the unread alerts bell", () => {
  it("counts open alerts (one per client and cause, the inbox's figure) in the caller's scope: every one for the VP, her clients' for Jane", async () => {
    const other = (
      await rows("SELECT id FROM clients WHERE csm_user_id <> 'usr_jane_smith' AND account_status = 'ACTIVE' LIMIT 1")
    )[0].id;
    await env.DB.prepare(
      "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status) VALUES ('al_bell_other', ?, 'USAGE_DECLINE', 'MEDIUM', 'Usage down', 'Not Jane''s client', 'NEW')",
    )
      .bind(other)
      .run();
    const now = new Date().toISOString();
    const OPEN = "(a.status IN ('NEW', 'ACKNOWLEDGED') OR (a.status = 'SNOOZED' AND a.snoozed_until <= ?))";
    const CARDS = "count(DISTINCT a.client_id || '|' || coalesce(a.cause_key, 'alert:' || a.id))";
    const vp = await (await asUser(VP, "/alerts/unread")).json<Json>();
    expect(vp.count).toBe((await rows(`SELECT ${CARDS} AS n FROM client_alerts a WHERE ${OPEN}`, now))[0].n);
    expect(vp.count).toBeGreaterThan(0);
    const jane = await (await asUser(JANE, "/alerts/unread")).json<Json>();
    expect(jane.count).toBe(
      (
        await rows(
          `SELECT ${CARDS} AS n FROM client_alerts a JOIN clients c ON c.id = a.client_id WHERE ${OPEN} AND c.csm_user_id = 'usr_jane_smith'`,
          now,
        )
      )[0].n,
    );
    expect(jane.count).toBeLessThan(vp.count);
    // The newest first, and only hers.
    const hers = await rows(
      `SELECT a.id, a.created_at FROM client_alerts a JOIN clients c ON c.id = a.client_id WHERE ${OPEN} AND c.csm_user_id = 'usr_jane_smith'`,
      now,
    );
    const createdAt = new Map(hers.map((r) => [r.id, r.created_at as string]));
    expect(new Set(jane.ids).size).toBe(Math.min(200, hers.length));
    expect(jane.ids.every((id: string) => createdAt.has(id))).toBe(true);
    const times = jane.ids.map((id: string) => createdAt.get(id)!);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("reads a book's new alerts starting from its clients, never by walking every new alert", async () => {
    // At 10,000 clients the walk took 27 ms for a book of 24 clients (docs/performance.md); the
    // query's CROSS JOIN fixes the order whatever statistics the planner has.
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await asUser(JANE, "/alerts/unread", { headers: { "x-sql-trace": "bell" } });
    const traced = log.mock.calls
      .map((c) => String(c[0]))
      .filter((l) => l.startsWith("SQLTRACE "))
      .map((l) => JSON.parse(l.slice(9)) as { sql: string; params: unknown[] });
    log.mockRestore();
    const bell = traced.filter((t) => t.sql.includes('"client_alerts"'));
    expect(bell).toHaveLength(2);
    for (const t of bell) {
      // Temporary b-trees (the count of distinct cards, the order) are not table reads.
      const plan = (
        await env.DB.prepare(`EXPLAIN QUERY PLAN ${t.sql}`)
          .bind(...t.params)
          .all<{ detail: string }>()
      ).results
        .map((r) => r.detail)
        .filter((d) => !d.startsWith("USE TEMP B-TREE"));
      expect(plan[0], plan.join(" | ")).toMatch(/^SEARCH clients USING (COVERING )?INDEX clients_csm_user_id_idx/);
      expect(plan[1], plan.join(" | ")).toMatch(
        /^SEARCH client_alerts USING (COVERING )?INDEX client_alerts_client_status_idx \(client_id=\?/,
      );
    }
  });
});

describe("the local SQL trace", () => {
  it("prints every statement of a traced request, only in local mode and only when asked", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await asUser(JANE, `${PAGE}/`, { headers: { "x-sql-trace": "t1" } });
    const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith("SQLTRACE "));
    expect(lines.length).toBeGreaterThan(3);
    const first = JSON.parse(lines[0].slice(9));
    expect(first).toMatchObject({
      id: "t1",
      sql: expect.stringContaining("ethico_users"),
      params: [expect.any(String), expect.any(Number)],
    });
    log.mockClear();
    await asUser(JANE, `${PAGE}/`);
    expect(log.mock.calls.some((c) => String(c[0]).startsWith("SQLTRACE "))).toBe(false);
    log.mockRestore();
    const request = new Request("https://csd.localhost/", { headers: { "x-sql-trace": "t2" } });
    expect(traceableD1(env.DB, request, false)).toBe(env.DB);
    expect(traceableD1(env.DB, request, true)).not.toBe(env.DB);
  });
});
