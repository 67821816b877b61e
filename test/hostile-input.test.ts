import { createMessageBatch, env } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { consumeEventsBatch } from "#worker/jobs/events-consumer";

import { ADMIN, asUserDirect as asUser, JANE, type Json } from "./helpers";
import { changeCounters, installWriteCounter, makeFixture, quietBackground } from "./helpers/access-fixture";
import { API_POLICIES, type Fixture, type Policy } from "./helpers/access-policies";
import { hostileBody, hostileId, hostileQuery } from "./helpers/hostile";

// Hostile input (issue 8, part 4), property-based with fast-check, against every write endpoint
// and every query parser, each called by a user the route allows: wrong types, huge strings,
// unicode, nested junk, SQL and HTML fragments, out-of-range numbers, unknown fields, malformed
// JSON and hostile path ids. Whatever comes in: never a 5xx; a refusal is a 4xx with the JSON
// error shape and writes nothing but its audit rows. (Text that is valid, however odd, is
// stored as given: escaping is the output's job, tested in the browser.)

const RUNS = 15;
let fx: Fixture;

beforeAll(async () => {
  fx = await makeFixture();
  await installWriteCounter();
});
beforeEach(quietBackground);

const caller = (policy: Policy) => (["supervisors", "admin", "leaders"].includes(policy) ? ADMIN : JANE);
const API = "/api/v1/client-success";
const relative = (key: string) => key.replace(/^\S+ /, "").replace(API, "");
const writes = Object.entries(API_POLICIES).filter(([k, e]) => !k.startsWith("GET") && e.policy !== "service");
const reads = Object.entries(API_POLICIES).filter(
  ([k, e]) => k.startsWith("GET") && e.policy !== "service" && !k.endsWith("/alerts/stream"),
);

async function expectSafe(res: Response, before: { writes: number }, what: string) {
  const text = await res.text();
  expect(res.status, `${what}: ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return;
  const body = JSON.parse(text) as Json;
  expect(body.error, what).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect("details" in body.error, what).toBe(true);
  const after = await changeCounters();
  expect(
    after.writes - before.writes,
    `${what} was refused (${res.status}) but wrote to ${after.tables.join(", ")}`,
  ).toBe(0);
}

describe.each(writes)("%s with hostile bodies", (key, entry) => {
  it("never 5xx; a refusal is the JSON error and writes nothing", async () => {
    const { path, init } = await entry.request(fx);
    const valid = init?.body ? JSON.parse(String(init.body)) : {};
    const method = key.split(" ")[0];
    await fc.assert(
      fc.asyncProperty(hostileBody(valid), async (raw) => {
        const before = await changeCounters();
        const res = await asUser(caller(entry.policy), path, {
          method,
          headers: { "content-type": "application/json" },
          body: raw,
        });
        await expectSafe(res, before, `${key} ${raw.slice(0, 120)}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(reads)("%s with hostile query strings", (key, entry) => {
  it("never 5xx; a bad parameter is a 400 naming it", async () => {
    const { path } = await entry.request(fx);
    await fc.assert(
      fc.asyncProperty(hostileQuery(), async (query) => {
        const before = await changeCounters();
        const res = await asUser(caller(entry.policy), `${path}${path.includes("?") ? "&" : "?"}${query}`);
        await expectSafe(res, before, `${key}?${query.slice(0, 120)}`);
      }),
      { numRuns: RUNS },
    );
  });
});

const withIds = Object.entries(API_POLICIES).filter(([k, e]) => k.includes("/:") && e.policy !== "service");

describe.each(withIds)("%s with hostile path ids", (key, entry) => {
  it("answers 400, 403, 404 or 429, never 5xx, and writes nothing", async () => {
    const method = key.split(" ")[0];
    const { init } = await entry.request(fx);
    await fc.assert(
      fc.asyncProperty(hostileId(), async (id) => {
        const path = relative(key).replace(/:[a-z]+/g, encodeURIComponent(id));
        const before = await changeCounters();
        const res = await asUser(caller(entry.policy), path, {
          method,
          ...(init?.body ? { headers: init.headers, body: init.body } : {}),
        });
        // 403: a well-formed id the caller may not ask about (another CSM's metrics).
        // 429: the AI endpoints' per-user limit, which this many calls reaches.
        expect([400, 403, 404, 429], `${method} ${path}`).toContain(res.status);
        await expectSafe(res, before, `${method} ${path}`);
      }),
      { numRuns: 10 },
    );
  });
});

describe("duplicate submissions", () => {
  it("a platform event sent twice, within a batch and again, is counted once", async () => {
    const user = (await env.DB.prepare("SELECT id FROM platform_users WHERE client_id = ? LIMIT 1")
      .bind(fx.clientId)
      .first<{ id: string }>())!.id;
    const logins = async () =>
      (await env.DB.prepare("SELECT coalesce(sum(logins), 0) AS n FROM user_daily_activity WHERE user_id = ?")
        .bind(user)
        .first<{ n: number }>())!.n;
    const before = await logins();
    const event = {
      event_id: `dup-${crypto.randomUUID()}`,
      client_id: fx.clientId,
      user_id: user,
      type: "login",
      occurred_at: new Date(Date.now() - 60_000).toISOString(),
    };
    // What the API puts on the events queue (kept by quietBackground's spy), delivered by hand.
    const sent = vi.mocked(env.EVENTS_QUEUE.send);
    const post = async () =>
      (
        await asUser(null, "/events", {
          method: "POST",
          headers: { authorization: "Bearer dev-ingest-token", "content-type": "application/json" },
          body: JSON.stringify({ events: [event, event] }),
        })
      ).json() as Promise<Json>;
    expect(await post()).toMatchObject({ accepted: 1, duplicates: 1 });
    // Sent again before the first was folded: accepted again by the API, folded once.
    const again = await post();
    expect(again.accepted + again.duplicates).toBe(2);
    const messages = sent.mock.calls.map(([body], i) => ({ id: `dup-${i}`, timestamp: new Date(), attempts: 1, body }));
    expect(messages).toHaveLength(2);
    await consumeEventsBatch(createMessageBatch("client-success-events", messages), env);
    await consumeEventsBatch(createMessageBatch("client-success-events", messages), env);
    expect(await logins()).toBe(before + 1);
    expect(await post()).toMatchObject({ accepted: 0, duplicates: 2 });
  });
});
