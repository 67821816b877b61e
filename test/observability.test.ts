import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  SELF,
  waitOnExecutionContext,
} from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { getDb } from "#worker/db/client";
import worker from "#worker/index";
import { runCrmPulls } from "#worker/jobs/crm-pull";
import { generateText } from "#worker/services/ai/provider";
import { inDurableObject, reporting } from "#worker/services/observability/error-reporter";
import { log } from "#worker/services/observability/log";

import { ADMIN, API, asUser, JANE, PAGE } from "./helpers";
import { connectFakeCrms, fake } from "./helpers/crm";
import { faultyD1 } from "./helpers/faulty-d1";

// Observability (issue 20, point 7): one JSON line per log call with the request id, one error
// reporter around every entry, and metrics written where the work happens, read back by the
// admin's system page.

type Line = Record<string, any>;
const lines = (spy: { mock: { calls: unknown[][] } }): Line[] =>
  spy.mock.calls.map((c) => JSON.parse(String(c[0])) as Line);
const points = async (name: string) =>
  (
    await env.DB.prepare("SELECT name, label, value FROM metric_points WHERE name = ? ORDER BY id")
      .bind(name)
      .all<{ name: string; label: string; value: number }>()
  ).results;

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM metric_points").run();
});

describe("structured logs and the error reporter", () => {
  it("an unexpected error in a request is logged once, as one JSON line carrying the request's cf-ray, and answered 500 without internals", async () => {
    const broken = faultyD1(env.DB, (sql) => sql.includes("saved_views"), 5);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const ctx = createExecutionContext();
    const req = new Request(`${API}/views`, { headers: { "x-dev-user": JANE, "cf-ray": "8f1e2d3c4b5a6978-ORD" } });
    const res = await worker.fetch(req as Parameters<typeof worker.fetch>[0], { ...env, DB: broken.db }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("injected fault");
    expect(res.headers.get("x-request-id")).toBe("8f1e2d3c4b5a6978-ORD");
    expect(errors).toHaveBeenCalledOnce();
    const [line] = lines(errors);
    expect(line).toMatchObject({
      level: "error",
      request_id: "8f1e2d3c4b5a6978-ORD",
      handler: "fetch",
      path: "/api/v1/client-success/views",
      error: {
        message: expect.stringContaining("saved_views"),
        cause: { message: expect.stringContaining("injected fault") },
      },
    });
  });

  it("generates a request id when there is no cf-ray (local), returns it, and every line of the request carries it", async () => {
    const res = await asUser(JANE, "/me");
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[a-f0-9]{16}$/);
    const other = (await asUser(JANE, "/me")).headers.get("x-request-id");
    expect(other).not.toBe(id);
    // A cross-site refusal is logged as a warning line with the request id.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const refused = await SELF.fetch(`${API}/views`, {
      method: "POST",
      headers: { origin: "https://evil.example", "cf-ray": "abc123-LHR", "content-type": "text/plain" },
      body: "{}",
    });
    expect(refused.status).toBe(403);
    expect(lines(warn)).toEqual([
      expect.objectContaining({
        level: "warn",
        request_id: "abc123-LHR",
        handler: "fetch",
        code: "CROSS_SITE_REQUEST",
      }),
    ]);
  });

  it("queue, scheduled and Durable Object work is reported the same way and rethrown for the platform to retry", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = reporting(
      "queue",
      async (_batch: string) => {
        log.info("about to fail");
        throw new Error("consumer exploded");
      },
      (batch) => ({ queue: batch }),
    );
    const info = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await expect(failing("client-success-recalc")).rejects.toThrow("consumer exploded");
    const [reported] = lines(errors);
    const [before] = lines(info);
    expect(reported).toMatchObject({
      level: "error",
      handler: "queue",
      queue: "client-success-recalc",
      error: { message: "consumer exploded" },
    });
    expect(before.request_id).toBe(reported.request_id);
    await expect(
      inDurableObject("AlertStream.publish", async () => Promise.reject(new Error("storage gone")), "ray-1"),
    ).rejects.toThrow("storage gone");
    expect(lines(errors)[1]).toMatchObject({
      handler: "durable-object",
      request_id: "ray-1",
      msg: "Unhandled error in AlertStream.publish",
    });
    expect(errors).toHaveBeenCalledTimes(2);
  });
});

describe("metrics", () => {
  it("the recalculation consumer records its duration and the batch's queue lag (D1 and Analytics Engine)", async () => {
    const written = vi.spyOn(env.METRICS, "writeDataPoint");
    const ids = (
      await env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE' LIMIT 3").all<{ id: string }>()
    ).results.map((r) => r.id);
    const batch = createMessageBatch("client-success-recalc", [
      {
        id: "r1",
        timestamp: new Date(Date.now() - 42_000),
        attempts: 1,
        body: { kind: "recalculate", reason: "hourly", client_ids: ids },
      },
    ]);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["r1"]);
    const lag = await points("queue_lag_ms");
    expect(lag).toEqual([expect.objectContaining({ label: "client-success-recalc" })]);
    expect(lag[0].value).toBeGreaterThanOrEqual(42_000);
    expect(await points("recalc_duration_ms")).toEqual([
      expect.objectContaining({ label: "batch", value: expect.any(Number) }),
    ]);
    expect(written).toHaveBeenCalledWith(
      expect.objectContaining({ indexes: ["queue_lag_ms"], blobs: ["queue_lag_ms", "client-success-recalc"] }),
    );
    expect(written).toHaveBeenCalledWith(expect.objectContaining({ indexes: ["recalc_duration_ms"] }));
  });

  it("dead-letter consumers record the depth still waiting for an admin", async () => {
    const batch = createMessageBatch("client-success-crm-sync-dlq", [
      {
        id: "dl-1",
        timestamp: new Date(),
        attempts: 4,
        body: { kind: "crm_push", provider: "hubspot", client_ids: ["cli_x"] },
      },
      {
        id: "dl-2",
        timestamp: new Date(),
        attempts: 4,
        body: { kind: "crm_push", provider: "hubspot", client_ids: ["cli_y"] },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    await getQueueResult(batch, ctx);
    const waiting = (await env.DB.prepare("SELECT count(*) AS n FROM crm_dead_letters").first<{ n: number }>())!.n;
    expect(waiting).toBeGreaterThanOrEqual(2);
    expect(await points("dead_letter_depth")).toEqual([
      { name: "dead_letter_depth", label: "client-success-crm-sync-dlq", value: waiting },
    ]);
  });

  it("a failing CRM pull counts a CRM failure", async () => {
    await connectFakeCrms();
    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({ service: "salesforce", responses: [{ status: 503, body: "[]" }] }),
    });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    await runCrmPulls(env);
    expect(await points("crm_failure")).toContainEqual({ name: "crm_failure", label: "salesforce:pull", value: 1 });
  });

  it("the AI provider's fallback counts an AI fallback per purpose", async () => {
    const ai = { run: async () => Promise.reject(new Error("model retired")) } as unknown as Ai;
    const answer = await generateText(
      { ...env, AI: ai, AI_TEXT_MODEL: "@cf/zai-org/glm-4.7-flash" },
      getDb(env.DB),
      null,
      { purpose: "summary", clientId: null, instructions: "Summarise", facts: {}, local: () => "Local words" } as never,
    );
    expect(answer.provider).toBe("local");
    expect(await points("ai_fallback")).toEqual([{ name: "ai_fallback", label: "summary", value: 1 }]);
  });
});

describe("the admin's system page", () => {
  it("GET /system shows the last 24 hours by section to an admin only; the page renders the same sections", async () => {
    const now = new Date().toISOString();
    const old = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await env.DB.batch([
      ...[120, 480].map((v) =>
        env.DB.prepare(
          "INSERT INTO metric_points (name, label, value, at) VALUES ('recalc_duration_ms', 'batch', ?, ?)",
        ).bind(v, now),
      ),
      env.DB.prepare(
        "INSERT INTO metric_points (name, label, value, at) VALUES ('recalc_duration_ms', 'batch', 99999, ?)",
      ).bind(old),
      env.DB.prepare(
        "INSERT INTO metric_points (name, label, value, at) VALUES ('queue_lag_ms', 'client-success-events', 1500, ?)",
      ).bind(now),
      env.DB.prepare(
        "INSERT INTO metric_points (name, label, value, at) VALUES ('crm_failure', 'hubspot:push', 1, ?)",
      ).bind(now),
      env.DB.prepare(
        "INSERT INTO metric_points (name, label, value, at) VALUES ('crm_failure', 'hubspot:push', 1, ?)",
      ).bind(now),
      // The AI section reads the call log: one chat answered by Workers AI, one that fell back.
      env.DB.prepare(
        "INSERT INTO ai_interactions (id, at, kind, model, provider, prompt, error) VALUES ('sys-ai-1', ?, 'chat', '@cf/zai-org/glm-4.7-flash', 'workers-ai', 'p', NULL)",
      ).bind(now),
      env.DB.prepare(
        "INSERT INTO ai_interactions (id, at, kind, model, provider, prompt, error) VALUES ('sys-ai-2', ?, 'chat', '@cf/zai-org/glm-4.7-flash', 'local', 'p', '5007: model unavailable')",
      ).bind(now),
    ]);
    expect((await asUser(JANE, "/system")).status).toBe(403);
    expect((await asUser("vp-cs@ethico.test", "/system")).status).toBe(403);
    const res = await asUser(ADMIN, "/system");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { window: { hours: number }; sections: { key: string; rows: Line[] }[] };
    expect(body.window.hours).toBe(24);
    const section = (key: string) => body.sections.find((s) => s.key === key)!;
    expect(body.sections.map((s) => s.key)).toEqual([
      "recalculation",
      "queues",
      "dead_letters",
      "crm_failures",
      "ai_models",
    ]);
    expect(section("recalculation").rows).toEqual([expect.objectContaining({ batches: 2, avg_ms: 300, max_ms: 480 })]);
    expect(section("queues").rows).toEqual([expect.objectContaining({ queue: "client-success-events", max_ms: 1500 })]);
    expect(section("crm_failures").rows).toEqual([expect.objectContaining({ call: "hubspot:push", failures: 2 })]);
    expect(section("ai_models").rows).toContainEqual(
      expect.objectContaining({
        feature: "Assistant (query planning)",
        calls: 2,
        fallbacks: 1,
        last_error: "5007: model unavailable",
      }),
    );
    const page = await asUser(ADMIN, `${PAGE}/admin/system`);
    expect(page.status).toBe(200);
    const html = (await page.text()).replaceAll("<!-- -->", "");
    for (const title of ["Health recalculation", "Queue lag", "Dead letters", "CRM failures", "AI models"])
      expect(html).toContain(title);
    expect(html).toContain("hubspot:push");
    expect(html).toContain("480 ms");
    expect((await asUser(JANE, `${PAGE}/admin/system`)).status).toBe(403);
  });
});
