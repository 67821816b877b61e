import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { percentileRank } from "#worker/core/metrics/percentile";
import worker from "#worker/index";
import type { RecalcMessage } from "#worker/jobs/messages";

import { asUser, JANE, JOHN, TODAY, VP } from "./helpers";

async function acme() {
  return (await env.DB.prepare("SELECT * FROM clients WHERE name = 'Acme Corporation'").first<
    Record<string, unknown>
  >())!;
}

interface Health {
  overall_score: number;
  health_status: string;
  trend_change: number;
  trend_period: string;
  components: Record<string, { score: number | null; weight: number; status: string; detail: string | null }>;
  benchmarks: Record<string, number | null>;
}

describe("engine over D1", () => {
  it("recalculating the seeded portfolio from stored data reproduces the seeded scores", async () => {
    const before = await env.DB.prepare(
      "SELECT id, current_health_score, health_status FROM clients WHERE account_status = 'ACTIVE' ORDER BY id",
    ).all();
    const { recalculateClients } = await import("#worker/services/health/recalculation");
    const { getDb } = await import("#worker/db/client");
    await recalculateClients(
      getDb(env.DB),
      before.results.map((r) => String(r.id)),
      new Date(),
    );
    const after = await env.DB.prepare(
      "SELECT id, current_health_score, health_status FROM clients WHERE account_status = 'ACTIVE' ORDER BY id",
    ).all();
    expect(after.results).toEqual(before.results);
  });
});

describe("feature adoption in recalculation", () => {
  it("fills each licensed feature's percentile within its tier cohort", async () => {
    const ids = (
      await env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE'").all<{ id: string }>()
    ).results.map((r) => r.id);
    const { recalculateClients } = await import("#worker/services/health/recalculation");
    const { getDb } = await import("#worker/db/client");
    await recalculateClients(getDb(env.DB), ids, new Date());
    const rows = await env.DB.prepare(
      "SELECT a.adoption_percentile AS p, a.is_licensed AS l FROM client_feature_adoptions a JOIN clients c ON c.id = a.client_id WHERE c.account_status = 'ACTIVE'",
    ).all<{ p: number | null; l: number }>();
    expect(rows.results.filter((r) => r.l).every((r) => r.p !== null && r.p >= 0 && r.p <= 100)).toBe(true);
    expect(rows.results.filter((r) => !r.l).every((r) => r.p === null)).toBe(true);
    // Exactly core/metrics/percentile: the share of the tier cohort licensing the feature that uses it less, ties as half.
    const cohort = await env.DB.prepare(
      "SELECT a.client_id, a.usage_30_days AS u, a.adoption_percentile AS p FROM client_feature_adoptions a JOIN clients c ON c.id = a.client_id WHERE a.feature_key = 'dashboard_views' AND a.is_licensed AND c.contract_tier = 'ENTERPRISE' AND c.account_status = 'ACTIVE'",
    ).all<{ u: number; p: number }>();
    for (const r of cohort.results) {
      expect(r.p).toBe(
        percentileRank(
          r.u,
          cohort.results.map((o) => o.u),
        ),
      );
    }
  });

  it("ranks percentiles once at the end of a recalculation of several batches, with the same result", async () => {
    const ids = (
      await env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE'").all<{ id: string }>()
    ).results.map((r) => r.id);
    const { recalculateClients } = await import("#worker/services/health/recalculation");
    const { getDb } = await import("#worker/db/client");
    // Wipe the percentiles, then recalculate more than one batch (100) of ids.
    await env.DB.prepare("UPDATE client_feature_adoptions SET adoption_percentile = NULL").run();
    const many = Array.from({ length: Math.ceil(101 / ids.length) + 1 }, () => ids).flat();
    expect(many.length).toBeGreaterThan(100);
    await recalculateClients(getDb(env.DB), many, new Date());
    const cohort = await env.DB.prepare(
      "SELECT a.usage_30_days AS u, a.adoption_percentile AS p FROM client_feature_adoptions a JOIN clients c ON c.id = a.client_id WHERE a.feature_key = 'dashboard_views' AND a.is_licensed AND c.contract_tier = 'ENTERPRISE' AND c.account_status = 'ACTIVE'",
    ).all<{ u: number; p: number }>();
    expect(cohort.results.length).toBeGreaterThan(1);
    for (const r of cohort.results)
      expect(r.p).toBe(
        percentileRank(
          r.u,
          cohort.results.map((o) => o.u),
        ),
      );
  });
});

describe("client health API", () => {
  it("answers the PRD's shape with explained components and cohort benchmarks", async () => {
    const client = await acme();
    const res = await asUser(JANE, `/clients/${client.id}/health`);
    expect(res.status).toBe(200);
    const h = await res.json<Health>();
    expect(h).toMatchObject({
      overall_score: client.current_health_score,
      health_status: client.health_status,
      trend_change: client.health_trend_change,
      trend_period: "30 days",
    });
    expect(Object.keys(h.components)).toEqual(["usage", "adoption", "support", "relationship", "contract", "outcome"]);
    expect(h.components.usage).toMatchObject({
      weight: 25,
      status: expect.stringMatching(/good|fair|poor/),
      detail: expect.stringContaining("DAU"),
    });
    const tier = await env.DB.prepare(
      "SELECT avg(current_health_score) AS a FROM clients WHERE contract_tier = 'ENTERPRISE' AND account_status = 'ACTIVE'",
    ).first<{ a: number }>();
    expect(h.benchmarks.tier_average).toBe(Math.round(tier!.a));
    expect(h.benchmarks.tier_percentile).toBeGreaterThanOrEqual(0);
    expect(h.benchmarks.tier_percentile).toBeLessThanOrEqual(100);
    expect((await asUser(JOHN, `/clients/${client.id}/health`)).status).toBe(404);
  });

  it("gives daily history with components, oldest first, and validates days", async () => {
    const client = await acme();
    const res = await asUser(VP, `/clients/${client.id}/health/history?days=30`);
    const body = await res.json<{ data: { date: string; components: Record<string, number | null> }[] }>();
    expect(body.data.length).toBeGreaterThan(25);
    expect(body.data.length).toBeLessThanOrEqual(30);
    expect(body.data.map((d) => d.date)).toEqual([...body.data.map((d) => d.date)].sort());
    expect(body.data.at(-1)!.components).toHaveProperty("usage");
    for (const bad of ["days=abc", "days=0", "days=2000", "from=2026-01-01"]) {
      expect((await asUser(VP, `/clients/${client.id}/health/history?${bad}`)).status).toBe(400);
    }
  });

  it("refresh recalculates from the data, writes today's explained snapshot, and a second run changes nothing", async () => {
    const client = await acme();
    const res = await asUser(JANE, `/clients/${client.id}/health/refresh`, { method: "POST" });
    expect(res.status).toBe(200);
    const snap = await env.DB.prepare("SELECT * FROM client_health_scores WHERE client_id = ? AND date = ?")
      .bind(client.id, TODAY)
      .first<Record<string, unknown>>();
    expect(JSON.parse(String(snap!.component_details)).usage).toContain("DAU");
    const after1 = await acme();
    expect(after1.current_health_score).toBe(snap!.overall_score);
    const count1 = await env.DB.prepare("SELECT count(*) AS n FROM client_health_scores WHERE client_id = ?")
      .bind(client.id)
      .first<{ n: number }>();
    await asUser(JANE, `/clients/${client.id}/health/refresh`, { method: "POST" });
    const after2 = await acme();
    expect(after2).toEqual(after1);
    const count2 = await env.DB.prepare("SELECT count(*) AS n FROM client_health_scores WHERE client_id = ?")
      .bind(client.id)
      .first<{ n: number }>();
    expect(count2!.n).toBe(count1!.n);
    expect((await asUser(JOHN, `/clients/${client.id}/health/refresh`, { method: "POST" })).status).toBe(404);
  });

  it("moves the score when the underlying data moves", async () => {
    const client = await acme();
    await asUser(VP, `/clients/${client.id}/health/refresh`, { method: "POST" });
    const before = (await acme()).current_health_score as number;
    const stmt = env.DB.prepare(
      "INSERT INTO support_tickets (id, client_id, subject, severity, status, opened_at) VALUES (?, ?, 'outage', 'URGENT', 'OPEN', ?)",
    );
    await env.DB.batch(
      Array.from({ length: 6 }, (_, i) => stmt.bind(`tkt_test_${i}`, client.id, new Date().toISOString())),
    );
    const h = await (await asUser(VP, `/clients/${client.id}/health/refresh`, { method: "POST" })).json<Health>();
    expect(h.overall_score).toBeLessThan(before);
    expect(h.components.support.detail).toContain("urgent");
  });
});

describe("hourly recalculation", () => {
  it("the cron enqueues every active client in chunks of at most 100", async () => {
    const sent: { body: RecalcMessage }[] = [];
    const fakeQueue = {
      sendBatch: async (m: { body: RecalcMessage }[]) => void sent.push(...m),
      send: async () => undefined,
    } as unknown as Queue;
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: "0 * * * *", scheduledTime: Date.now() }),
      { ...env, RECALC_QUEUE: fakeQueue },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const ids = sent.flatMap((m) => m.body.client_ids);
    const active = await env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE' ORDER BY id").all<{
      id: string;
    }>();
    expect(ids).toEqual(active.results.map((r) => r.id));
    expect(sent.every((m) => m.body.kind === "recalculate" && m.body.client_ids.length <= 100)).toBe(true);
  });

  it("the consumer recalculates each chunk, is idempotent, and drops malformed messages loudly", async () => {
    const active = await env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE'").all<{ id: string }>();
    const ids = active.results.map((r) => r.id);
    // Percentiles are ranked once for the delivered batch, after its messages.
    await env.DB.prepare("UPDATE client_feature_adoptions SET adoption_percentile = NULL").run();
    const batch = createMessageBatch("client-success-recalc", [
      {
        id: "m1",
        timestamp: new Date(),
        attempts: 1,
        body: { kind: "recalculate", reason: "hourly", client_ids: ids },
      },
      { id: "m2", timestamp: new Date(), attempts: 1, body: { kind: "recalculate", client_ids: "all" } },
    ]);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages).toEqual([]);
    // One structured line (services/observability/log.ts) naming the message and the problem.
    expect(logged.mock.calls.map((c) => JSON.parse(String(c[0])))).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: "Dropping malformed recalculation message",
        message_id: "m2",
        handler: "queue",
        issue: expect.any(String),
        request_id: expect.any(String),
      }),
    );
    logged.mockRestore();
    const snapshots = await env.DB.prepare("SELECT count(*) AS n FROM client_health_scores WHERE date = ?")
      .bind(TODAY)
      .first<{ n: number }>();
    expect(snapshots!.n).toBe(ids.length);
    const unranked = await env.DB.prepare(
      "SELECT count(*) AS n FROM client_feature_adoptions a JOIN clients c ON c.id = a.client_id WHERE a.is_licensed AND c.account_status = 'ACTIVE' AND a.adoption_percentile IS NULL",
    ).first<{ n: number }>();
    expect(unranked!.n).toBe(0);
    const state = await env.DB.prepare(
      "SELECT id, current_health_score, health_status, updated_at FROM clients ORDER BY id",
    ).all();
    const again = createMessageBatch("client-success-recalc", [
      {
        id: "m3",
        timestamp: new Date(),
        attempts: 2,
        body: { kind: "recalculate", reason: "hourly", client_ids: ids },
      },
    ]);
    await worker.queue(again, env);
    expect(
      (
        await env.DB.prepare(
          "SELECT id, current_health_score, health_status, updated_at FROM clients ORDER BY id",
        ).all()
      ).results,
    ).toEqual(state.results);
  });
});
