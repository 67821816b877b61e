import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  runInDurableObject,
  SELF,
} from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { consumeEventsBatch } from "#worker/jobs/events-consumer";
import { consumeRecalcBatch } from "#worker/jobs/recalc-consumer";

import { type Json, rows, TODAY } from "./helpers";
import { faultyD1 } from "./helpers/faulty-d1";

// Faults injected (issue 8, part 6): D1 failing during recalculation, a consumer crashing in the
// middle of a batch, a Durable Object evicted while browsers are connected. In each case nothing
// is lost, nothing is half written and nothing is counted twice. (CRM and email outages are
// tested with their features: crm-sync.test.ts, alerts.test.ts.)

const ids = async (n: number, offset = 0) =>
  (await rows("SELECT id FROM clients WHERE account_status = 'ACTIVE' ORDER BY id LIMIT ? OFFSET ?", n, offset)).map(
    (r) => r.id as string,
  );
const inList = (list: string[]) => `(${list.map((id) => `'${id}'`).join(",")})`;

/** Each client's current state beside today's snapshot: they must always agree. */
async function healthState(list: string[]) {
  return rows(
    `SELECT c.id, c.current_health_score AS current, c.attention_priority AS priority, h.overall_score AS snapshot
    FROM clients c LEFT JOIN client_health_scores h ON h.client_id = c.id AND h.date = ? WHERE c.id IN ${inList(list)} ORDER BY c.id`,
    TODAY,
  );
}

async function deliverRecalc(db: D1Database, clientIds: string[], attempts = 1) {
  const batch = createMessageBatch("client-success-recalc", [
    {
      id: `recalc-${attempts}`,
      timestamp: new Date(),
      attempts,
      body: { kind: "recalculate", reason: "hourly", client_ids: clientIds },
    },
  ]);
  await consumeRecalcBatch(batch, { ...env, DB: db });
  return getQueueResult(batch, createExecutionContext());
}

describe("D1 errors during recalculation", () => {
  it("retries the message and leaves each client as it was: no snapshot without its current state", async () => {
    const list = await ids(8);
    // Make the day's first run observable: no snapshot yet, a priority nobody computes.
    await env.DB.batch([
      env.DB.prepare(`DELETE FROM client_health_scores WHERE date = ? AND client_id IN ${inList(list)}`).bind(TODAY),
      env.DB.prepare(`UPDATE clients SET attention_priority = -1 WHERE id IN ${inList(list)}`),
    ]);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const faulty = faultyD1(env.DB, (sql) => sql.includes("INSERT INTO client_health_scores"));
    const failed = await deliverRecalc(faulty.db, list);
    expect(faulty.injected()).toBe(1);
    expect(failed.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["recalc-1"]);
    expect(failed.explicitAcks).toEqual([]);
    expect(logged.mock.calls[0][0]).toContain("Recalculation failed; will retry");
    for (const r of await healthState(list)) expect(r).toMatchObject({ snapshot: null, priority: -1 });

    // The redelivery does the whole chunk, and each client's state matches its snapshot.
    const ok = await deliverRecalc(env.DB, list, 2);
    expect(ok.explicitAcks).toEqual(["recalc-2"]);
    const after = await healthState(list);
    for (const r of after) {
      expect(r.snapshot).not.toBeNull();
      expect(r.current).toBe(r.snapshot);
      expect(r.priority).not.toBe(-1);
    }
    // Delivered once more (at-least-once queues do that): the same result, nothing added.
    const snapshots = await rows(`SELECT count(*) AS n FROM client_health_scores WHERE client_id IN ${inList(list)}`);
    await deliverRecalc(env.DB, list, 3);
    expect(await healthState(list)).toEqual(after);
    expect(await rows(`SELECT count(*) AS n FROM client_health_scores WHERE client_id IN ${inList(list)}`)).toEqual(
      snapshots,
    );
  });

  it("a failure after the health write (the day's rollup) is retried and converges on the uninterrupted result", async () => {
    const list = await ids(8, 8);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const faulty = faultyD1(env.DB, (sql) => /^\s*(INSERT|DELETE)[\s\S]*health_daily_rollup/i.test(sql));
    expect((await deliverRecalc(faulty.db, list)).retryMessages).toHaveLength(1);
    expect(faulty.injected()).toBe(1);
    expect(logged).toHaveBeenCalled();
    await deliverRecalc(env.DB, list, 2);
    const state = async () =>
      rows(
        `SELECT id, current_health_score, churn_risk_score, attention_priority FROM clients WHERE id IN ${inList(list)} ORDER BY id`,
      );
    const alerts = async () =>
      rows(
        `SELECT client_id, dedup_key, count(*) AS n FROM client_alerts WHERE client_id IN ${inList(list)} AND status IN ('NEW','ACKNOWLEDGED','SNOOZED') GROUP BY 1, 2`,
      );
    const [s1, a1] = [await state(), await alerts()];
    await deliverRecalc(env.DB, list, 3);
    expect(await state()).toEqual(s1);
    expect(await alerts()).toEqual(a1);
    for (const a of a1) expect(a.n).toBe(1); // one open alert per condition, however often delivered
    for (const s of s1) expect(s.current_health_score).not.toBeNull();
  });
});

describe("an events consumer crashing mid-batch", () => {
  it("counts every event exactly once after redelivery, however often it comes", async () => {
    const [client] = await ids(1, 20);
    const user = (await rows("SELECT id FROM platform_users WHERE client_id = ? LIMIT 1", client))[0].id as string;
    const logins = async () =>
      Number(
        (
          await rows(
            "SELECT coalesce(sum(logins), 0) AS n FROM user_daily_activity WHERE user_id = ? AND date = ?",
            user,
            TODAY,
          )
        )[0].n,
      );
    const before = await logins();
    const messages = [0, 1, 2].map((i) => ({
      id: `ev-${i}`,
      timestamp: new Date(),
      attempts: 1,
      body: {
        kind: "events",
        events: [
          {
            event_id: `fault-${client}-${i}`,
            client_id: client,
            user_id: user,
            type: "login",
            occurred_at: new Date(Date.now() - 60_000 * (i + 1)).toISOString(),
          },
        ],
      },
    }));
    const deliver = async (db: D1Database) => {
      const batch = createMessageBatch("client-success-events", messages);
      await consumeEventsBatch(batch, { ...env, DB: db });
      return getQueueResult(batch, createExecutionContext());
    };
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // The fold's batch fails as the consumer dies: every message goes back to the queue.
    const crashed = await deliver(faultyD1(env.DB, (sql) => sql.includes("INSERT OR IGNORE INTO ingested_events")).db);
    expect(crashed.retryMessages).toHaveLength(3);
    expect(logged).toHaveBeenCalledOnce();
    expect(await logins()).toBe(before);
    // A crash after the fold but before the acks (recalculation failing) redelivers folded events.
    const late = await deliver(faultyD1(env.DB, (sql) => sql.includes("INSERT INTO client_health_scores")).db);
    expect(late.retryMessages).toHaveLength(3);
    expect(await logins()).toBe(before + 3);
    const ok = await deliver(env.DB);
    expect(ok.explicitAcks.sort()).toEqual(["ev-0", "ev-1", "ev-2"]);
    await deliver(env.DB);
    expect(await logins()).toBe(before + 3);
  });
});

describe("a Durable Object evicted mid-stream", () => {
  it("drops the sockets, and reconnecting browsers catch up on everything published meanwhile, once and in order", async () => {
    const connect = async (after?: number) => {
      const res = await SELF.fetch(
        `https://csd.localhost/api/v1/client-success/alerts/stream${after !== undefined ? `?after=${after}` : ""}`,
        { headers: { upgrade: "websocket", "x-dev-user": "vp-cs@ethico.test" } },
      );
      expect(res.status).toBe(101);
      const ws = res.webSocket!;
      const got: Json[] = [];
      let closed: number | null = null;
      ws.addEventListener("message", (e) => got.push(JSON.parse(String(e.data))));
      ws.addEventListener("close", (e) => (closed = e.code));
      ws.accept();
      await vi.waitFor(() => expect(got.some((m) => m.type === "hello")).toBe(true));
      return { ws, got, closed: () => closed };
    };
    const stub = env.ALERT_STREAMS.get(env.ALERT_STREAMS.idFromName("all"));
    const first = await connect();
    await stub.publish([{ id: "al_before", title: "before eviction" }]);
    await vi.waitFor(() => expect(first.got.some((m) => m.alert?.id === "al_before")).toBe(true));
    const lastSeen = first.got.filter((m) => m.type === "alert").at(-1)!.seq as number;

    // Evicted: the object's memory is gone and its sockets with it; its storage stays.
    await expect(runInDurableObject(stub, (_o, state) => state.abort("evicted for the test"))).rejects.toThrow();
    await vi.waitFor(() => expect(first.closed()).not.toBeNull());
    // A stub that saw the object go is broken; the dispatcher gets a new one for each run.
    const revived = env.ALERT_STREAMS.get(env.ALERT_STREAMS.idFromName("all"));
    await revived.publish([{ id: "al_during_1" }, { id: "al_during_2" }]);

    const again = await connect(lastSeen);
    const caught = again.got.filter((m) => m.type === "alert");
    expect(caught.map((m) => m.alert.id)).toEqual(["al_during_1", "al_during_2"]);
    expect(caught.map((m) => m.seq)).toEqual([lastSeen + 1, lastSeen + 2]);
    await revived.publish([{ id: "al_after" }]);
    await vi.waitFor(() => expect(again.got.some((m) => m.alert?.id === "al_after")).toBe(true));
    again.ws.close(1000, "done");
  });
});
