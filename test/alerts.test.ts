import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  runInDurableObject,
  SELF,
} from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { addDays } from "#worker/core/dates";
import { getDb } from "#worker/db/client";
import worker from "#worker/index";
import { dispatchAlerts } from "#worker/services/alerts/dispatch-alerts";
import { evaluateAlerts } from "#worker/services/alerts/evaluate-alerts";

import { fakeWorkersAi, textReply } from "./fakes/fake-workers-ai";
import { acmeId, asUser, clientNamed, JANE, JOHN, type Json, json, one, rows, TODAY, VP } from "./helpers";

// Alerts end to end inside workerd: an ingested batch raises an alert that a connected socket
// receives; scoping; reconnect catch-up; the workflow; settings with quiet hours and mutes; and
// delivery through the SendGrid and Slack fakes with retries and the dead-letter queue.

async function connect(email: string, after?: number) {
  const res = await SELF.fetch(
    `https://csd.localhost/api/v1/client-success/alerts/stream${after !== undefined ? `?after=${after}` : ""}`,
    { headers: { upgrade: "websocket", "x-dev-user": email } },
  );
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const messages: Json[] = [];
  ws.addEventListener("message", (e) => messages.push(JSON.parse(String(e.data))));
  const waitFor = async (pred: (m: Json) => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const hit = messages.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching message; got ${JSON.stringify(messages.map((m) => [m.type, m.alert?.alert_type]))}`);
  };
  await waitFor((m) => m.type === "hello");
  return { ws, messages, waitFor };
}

async function ingest(events: Json[]) {
  const sent: unknown[] = [];
  const spy = vi
    .spyOn(env.EVENTS_QUEUE, "send")
    .mockImplementation(async (body: unknown) => (sent.push(body), undefined as never));
  const res = await SELF.fetch("https://csd.localhost/api/v1/client-success/events", {
    method: "POST",
    headers: { authorization: "Bearer dev-ingest-token", "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(202);
  spy.mockRestore();
  const batch = createMessageBatch(
    "client-success-events",
    sent.map((body, i) => ({ id: `e${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  await worker.queue(batch, env);
}

describe("real-time alerts", () => {
  it("an ingested batch that drops usage raises USAGE_DECLINE, and the CSM's and VP's sockets receive it, John's does not", async () => {
    const id = await acmeId();
    const [jane, john, vp] = [await connect(JANE), await connect(JOHN), await connect(VP)];
    // The users stopped logging in this month: the 29 days before today fall to one active user.
    await env.DB.prepare(
      "UPDATE client_usage_metrics SET daily_active_users = 1 WHERE client_id = ? AND date >= ? AND date < ?",
    )
      .bind(id, addDays(TODAY, -29), TODAY)
      .run();
    const user = (await one("SELECT id FROM platform_users WHERE client_id = ? LIMIT 1", id)).id;
    await ingest([
      {
        event_id: `alert-ev-${Date.now()}`,
        client_id: id,
        type: "login",
        occurred_at: new Date(Date.now() - 60_000).toISOString(),
        user_id: user,
      },
    ]);

    const row = await one("SELECT * FROM client_alerts WHERE client_id = ? AND alert_type = 'USAGE_DECLINE'", id);
    expect(row).toMatchObject({
      status: "NEW",
      severity: "MEDIUM",
      trigger_metric: "dau_30d_vs_prior_30d_pct",
      stream_pending: 0,
      dedup_key: "USAGE_DECLINE",
    });
    expect(Number(row.trigger_value)).toBeLessThanOrEqual(-30);
    expect(row.description).toContain("DAU averaged");
    expect(row.ai_analysis).toMatch(/At stake: \$\d+K ARR/);
    expect(row.ai_recommended_action).toMatch(/usage review/);
    const m = await jane.waitFor((x) => x.type === "alert" && x.alert.id === row.id);
    expect(m.alert).toMatchObject({
      id: row.id,
      client_id: id,
      alert_type: "USAGE_DECLINE",
      status: "NEW",
      client: { name: "Acme Corporation" },
      trigger_threshold: "-30",
    });
    expect(m.seq).toBeGreaterThan(0);
    await vp.waitFor((x) => x.type === "alert" && x.alert.id === row.id);
    await new Promise((r) => setTimeout(r, 100));
    const johns = await rows("SELECT id FROM clients WHERE csm_user_id = 'usr_john_doe'");
    for (const x of john.messages.filter((x) => x.type === "alert"))
      expect(johns.map((c) => c.id)).toContain(x.alert.client_id);
    expect(john.messages.some((x) => x.alert?.client_id === id)).toBe(false);

    // The same condition on the next evaluation: still one open alert, nobody notified again.
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    expect(
      (await rows("SELECT id FROM client_alerts WHERE client_id = ? AND alert_type = 'USAGE_DECLINE'", id)).length,
    ).toBe(1);
    for (const s of [jane, john, vp]) s.ws.close(1000, "done");
  });

  it("keeps sockets through hibernation and catches a reconnecting browser up from its last seq", async () => {
    const id = await acmeId();
    const jane = await connect(JANE);
    const stub = env.ALERT_STREAMS.get(env.ALERT_STREAMS.idFromName("user:usr_jane_smith"));
    // Accepted through the hibernation API: the runtime, not the object, holds the sockets.
    expect(await runInDurableObject(stub, (_o, state) => state.getWebSockets().length)).toBeGreaterThanOrEqual(1);
    const last = (await jane.waitFor((m) => m.type === "hello")).seq as number;
    jane.ws.close(1000, "tab closed");
    const alert = await one("SELECT id FROM client_alerts WHERE client_id = ? AND alert_type = 'USAGE_DECLINE'", id);
    const ack = await asUser(JANE, `/alerts/${alert.id}/acknowledge`, json("PUT"));
    expect(ack.status).toBe(200);
    await vi.waitFor(
      async () =>
        expect((await one("SELECT stream_pending FROM client_alerts WHERE id = ?", alert.id)).stream_pending).toBe(0),
      { timeout: 3000 },
    );
    const again = await connect(JANE, last);
    const missed = again.messages.filter((m) => m.type === "alert");
    expect(missed.map((m) => [m.alert.id, m.alert.status])).toContainEqual([alert.id, "ACKNOWLEDGED"]);
    expect(missed.every((m) => m.seq > last)).toBe(true);
    again.ws.close(1000, "done");
  });
});

describe("alert workflow", () => {
  it("lists by severity then stake, filters, and scopes", async () => {
    const id = await acmeId();
    await env.DB.prepare("UPDATE clients SET payment_status = 'DELINQUENT' WHERE id = ?").bind(id).run();
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    const list = await (await asUser(JANE, "/alerts?limit=200")).json<Json>();
    expect(list.data.length).toBeGreaterThan(0);
    const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 } as Record<string, number>;
    const ranks = list.data.map((a: Json) => rank[a.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(list.data[0]).toMatchObject({
      alert_type: "PAYMENT_ISSUE",
      severity: "CRITICAL",
      client_id: id,
      deliveries: expect.any(Array),
    });
    const only = await (
      await asUser(JANE, `/alerts?type=PAYMENT_ISSUE&severity=CRITICAL&status=NEW&client_id=${id}`)
    ).json<Json>();
    expect(only.data.map((a: Json) => a.alert_type)).toEqual(["PAYMENT_ISSUE"]);
    expect((await (await asUser(JANE, `/clients/${id}/alerts`)).json<Json>()).data.length).toBeGreaterThan(0);
    expect((await asUser(JOHN, `/clients/${id}/alerts`)).status).toBe(404);
    expect((await asUser(JOHN, `/alerts/${only.data[0].id}/acknowledge`, json("PUT"))).status).toBe(404);
    const bad = await asUser(JANE, "/alerts?type=NOPE&page=0");
    expect(bad.status).toBe(400);
    expect((await bad.json<Json>()).error.details.map((d: Json) => d.field).sort()).toEqual(["page", "type.0"]);
  });

  it("snoozes for a day or a week, dismisses for good, resolves with notes, and refuses closed alerts", async () => {
    const id = await acmeId();
    const alert = await one(
      "SELECT id FROM client_alerts WHERE client_id = ? AND alert_type = 'PAYMENT_ISSUE' AND status = 'NEW'",
      id,
    );
    expect((await asUser(JANE, `/alerts/${alert.id}/snooze`, json("PUT", { duration: "3d" }))).status).toBe(400);
    const snoozed = await (
      await asUser(JANE, `/alerts/${alert.id}/snooze`, json("PUT", { duration: "1w" }))
    ).json<Json>();
    expect(snoozed.status).toBe("SNOOZED");
    expect(Date.parse(snoozed.snoozed_until) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // Once the snooze ends, the next evaluation brings it back as new.
    await env.DB.prepare("UPDATE client_alerts SET snoozed_until = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), alert.id)
      .run();
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    expect(
      await one(
        "SELECT status, snoozed_until, stream_pending, delivery_pending FROM client_alerts WHERE id = ?",
        alert.id,
      ),
    ).toEqual({ status: "NEW", snoozed_until: null, stream_pending: 1, delivery_pending: 1 });
    const dismissed = await (await asUser(JANE, `/alerts/${alert.id}/dismiss`, json("PUT"))).json<Json>();
    expect(dismissed).toMatchObject({
      status: "DISMISSED",
      dismissed_by_id: "usr_jane_smith",
      acknowledged_at: expect.any(String),
    });
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    expect(
      (await rows("SELECT id FROM client_alerts WHERE client_id = ? AND alert_type = 'PAYMENT_ISSUE'", id)).length,
    ).toBe(1); // same event: silent
    expect((await asUser(JANE, `/alerts/${alert.id}/resolve`, json("PUT", { notes: "x" }))).status).toBe(409);
    // The condition clears, then recurs: a new event, a new alert, resolved with notes.
    await env.DB.prepare("UPDATE clients SET payment_status = 'CURRENT' WHERE id = ?").bind(id).run();
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    await env.DB.prepare("UPDATE clients SET payment_status = 'DELINQUENT' WHERE id = ?").bind(id).run();
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    const fresh = await one(
      "SELECT id FROM client_alerts WHERE client_id = ? AND alert_type = 'PAYMENT_ISSUE' AND status = 'NEW'",
      id,
    );
    expect(fresh.id).not.toBe(alert.id);
    const resolved = await (
      await asUser(JANE, `/alerts/${fresh.id}/resolve`, json("PUT", { notes: "Finance confirmed the payment" }))
    ).json<Json>();
    expect(resolved).toMatchObject({ status: "RESOLVED", resolution_notes: "Finance confirmed the payment" });
  });

  it("auto-resolves a cleared condition with a note, and logging an activity acknowledges the client's alerts", async () => {
    const id = await acmeId();
    await env.DB.prepare("UPDATE clients SET payment_status = 'LATE' WHERE id = ?").bind(id).run();
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    const late = await one(
      "SELECT id FROM client_alerts WHERE client_id = ? AND dedup_key = 'PAYMENT_ISSUE:LATE' AND status = 'NEW'",
      id,
    );
    await env.DB.prepare("UPDATE clients SET payment_status = 'CURRENT' WHERE id = ?").bind(id).run();
    await evaluateAlerts(getDb(env.DB), [id], new Date());
    expect(await one("SELECT status, resolution_notes FROM client_alerts WHERE id = ?", late.id)).toEqual({
      status: "RESOLVED",
      resolution_notes: "Resolved automatically: the condition no longer holds.",
    });
    const open = await rows("SELECT id FROM client_alerts WHERE client_id = ? AND status = 'NEW'", id);
    const res = await asUser(
      JANE,
      `/clients/${id}/activities`,
      json("POST", { activity_type: "CALL", subject: "Checked in", occurred_at: new Date().toISOString() }),
    );
    expect(res.status).toBe(201);
    expect(open.length).toBeGreaterThan(0);
    // Acknowledged by the call (the re-scoring that follows may also resolve what the call fixed).
    for (const a of open)
      expect(
        await one(
          "SELECT status IN ('ACKNOWLEDGED', 'RESOLVED') AS handled, acknowledged_by_id, acknowledged_at IS NOT NULL AS seen FROM client_alerts WHERE id = ?",
          a.id,
        ),
      ).toEqual({ handled: 1, acknowledged_by_id: "usr_jane_smith", seen: 1 });
  });
});

describe("concurrency", () => {
  it("two evaluations racing over the same new condition raise it once", async () => {
    const db = getDb(env.DB);
    const gamma = (
      await one(
        "SELECT id FROM clients WHERE csm_user_id = 'usr_john_doe' AND account_status = 'ACTIVE' ORDER BY name LIMIT 1",
      )
    ).id;
    await env.DB.prepare("UPDATE clients SET payment_status = 'LATE' WHERE id = ?").bind(gamma).run();
    await Promise.all([
      evaluateAlerts(db, [gamma], new Date()),
      evaluateAlerts(db, [gamma], new Date()),
      evaluateAlerts(db, [gamma], new Date()),
    ]);
    expect(
      (
        await rows(
          "SELECT id FROM client_alerts WHERE client_id = ? AND alert_type = 'PAYMENT_ISSUE' AND status = 'NEW'",
          gamma,
        )
      ).length,
    ).toBe(1);
  });
});

describe("alert settings and delivery", () => {
  it("validates settings (422 with reasons, nothing saved), lets only VPs change the global ones, and merges per client", async () => {
    const bad = await asUser(
      VP,
      "/config/alerts",
      json("PUT", {
        types: { HEALTH_DROP: { threshold: 500 } },
        quiet_hours: { start: "9pm", end: "07:00", time_zone: "Nowhere/City" },
      }),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json<Json>()).error.details.map((d: Json) => d.field)).toEqual([
      "types.HEALTH_DROP.threshold",
      "quiet_hours.start",
      "quiet_hours.time_zone",
    ]);
    expect(await rows("SELECT * FROM alert_settings")).toEqual([]);
    expect(
      (await asUser(JANE, "/config/alerts", json("PUT", { types: { HEALTH_DROP: { threshold: 15 } } }))).status,
    ).toBe(403);
    expect(
      (await asUser(VP, "/config/alerts", json("PUT", { types: { HEALTH_DROP: { threshold: 15 } } }))).status,
    ).toBe(200);
    const id = await acmeId();
    const mine = await (
      await asUser(JANE, "/config/alerts", json("PUT", { client_id: id, types: { HEALTH_DROP: { threshold: 8 } } }))
    ).json<Json>();
    expect(mine.effective.types.HEALTH_DROP.threshold).toBe(8);
    expect((await (await asUser(JANE, "/config/alerts")).json<Json>()).effective.types.HEALTH_DROP.threshold).toBe(15);
    expect((await asUser(JOHN, `/config/alerts?client_id=${id}`)).status).toBe(404);
  });

  it("defers email and Slack in quiet hours, skips a muted client, and always keeps the in-app alert", async () => {
    const db = getDb(env.DB);
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await asUser(
      VP,
      "/config/alerts",
      json("PUT", {
        types: { PAYMENT_ISSUE: { channels: ["in_app", "email", "slack"] } },
        quiet_hours: {
          start: hhmm(new Date(now.getTime() - 3_600_000)),
          end: hhmm(new Date(now.getTime() + 3_600_000)),
          time_zone: "UTC",
        },
      }),
    );
    const beta = (await clientNamed("Beta Industries")).id;
    await env.DB.prepare("UPDATE clients SET payment_status = 'LATE' WHERE id = ?").bind(beta).run();
    await evaluateAlerts(db, [beta], now);
    const sends: { body: unknown; delay?: number }[] = [];
    const spy = vi
      .spyOn(env.ALERT_DELIVERY_QUEUE, "send")
      .mockImplementation(
        async (body: unknown, o?: QueueSendOptions) => (
          sends.push({ body, delay: o?.delaySeconds }),
          undefined as never
        ),
      );
    await dispatchAlerts(env, db, now);
    const alert = await one(
      "SELECT id, status FROM client_alerts WHERE client_id = ? AND alert_type = 'PAYMENT_ISSUE' AND status = 'NEW'",
      beta,
    );
    const log = await rows(
      "SELECT channel, status, detail FROM alert_deliveries WHERE alert_id = ? ORDER BY channel",
      alert.id,
    );
    expect(log.map((l) => [l.channel, l.status])).toEqual([
      ["email", "DEFERRED_QUIET_HOURS"],
      ["slack", "DEFERRED_QUIET_HOURS"],
    ]);
    const mine = sends.filter((s) => (s.body as Json).alert_id === alert.id);
    expect(mine).toHaveLength(2);
    for (const s of mine) expect(Math.abs(s.delay! - 3600)).toBeLessThanOrEqual(60);

    // Muted: nothing leaves the app, and the log says why.
    await asUser(VP, "/config/alerts", json("PUT", { quiet_hours: null }));
    await asUser(VP, "/config/alerts", json("PUT", { client_id: beta, muted_until: addDays(TODAY, 7) }));
    await env.DB.prepare("UPDATE clients SET payment_status = 'DELINQUENT' WHERE id = ?").bind(beta).run();
    await evaluateAlerts(db, [beta], now);
    await dispatchAlerts(env, db, now);
    const muted = await one(
      "SELECT id FROM client_alerts WHERE client_id = ? AND dedup_key = 'PAYMENT_ISSUE:DELINQUENT'",
      beta,
    );
    expect(
      (await rows("SELECT status FROM alert_deliveries WHERE alert_id = ?", muted.id)).map((r) => r.status),
    ).toEqual(["SKIPPED_MUTED", "SKIPPED_MUTED"]);
    spy.mockRestore();
  });

  it("sends through SendGrid and Slack as they expect, retries 429 after Retry-After and 5xx with backoff, and dead-letters", async () => {
    const fake = (path: string, init?: RequestInit) => fetch(`${env.FAKES_URL}${path}`, init);
    // Other files share the fake servers: this alert's title carries a token its scripted answers
    // and the checks below match on.
    const token = `t-${crypto.randomUUID().slice(0, 8)}`;
    const picked = await one("SELECT id FROM client_alerts WHERE alert_type = 'PAYMENT_ISSUE' LIMIT 1");
    await env.DB.prepare("UPDATE client_alerts SET title = title || ' ' || ? WHERE id = ?")
      .bind(token, picked.id)
      .run();
    const alert = await one(
      "SELECT a.id, a.title, u.email FROM client_alerts a JOIN clients c ON c.id = a.client_id JOIN ethico_users u ON u.id = c.csm_user_id WHERE a.id = ?",
      picked.id,
    );
    const deliver = async (channel: "email" | "slack", attempts: number, queue = "client-success-alert-delivery") => {
      const batch = createMessageBatch(queue, [
        {
          id: `d-${channel}-${attempts}`,
          timestamp: new Date(),
          attempts,
          body: { kind: "deliver_alert", alert_id: alert.id, channel },
        },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env);
      return getQueueResult(batch, ctx);
    };
    const lastLog = async () =>
      one(
        "SELECT channel, attempt, status, http_status, detail FROM alert_deliveries WHERE alert_id = ? ORDER BY rowid DESC LIMIT 1",
        alert.id,
      );

    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({
        service: "sendgrid",
        responses: [
          {
            status: 429,
            headers: { "retry-after": "7" },
            body: JSON.stringify({ errors: [{ message: "too many requests", field: null, help: null }] }),
            match: token,
          },
          { status: 500, body: JSON.stringify({ errors: [{ message: "internal server error" }] }), match: token },
        ],
      }),
    });
    expect((await deliver("email", 1)).retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["d-email-1"]);
    expect(await lastLog()).toMatchObject({
      channel: "email",
      attempt: 1,
      status: "FAILED_RETRYING",
      http_status: 429,
      detail: expect.stringMatching(/retrying in 7 s$/),
    });
    expect((await deliver("email", 2)).retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["d-email-2"]);
    expect(await lastLog()).toMatchObject({
      status: "FAILED_RETRYING",
      http_status: 500,
      detail: expect.stringMatching(/^SendGrid answered 500: .*retrying in 60 s$/),
    });
    const ok = await deliver("email", 3);
    expect(ok.explicitAcks).toEqual(["d-email-3"]);
    expect(await lastLog()).toMatchObject({ status: "SENT", http_status: 202 });
    const sent = (await (await fake("/__requests?service=sendgrid")).json<Json[]>())
      .filter((r) => JSON.stringify(r.body).includes(token))
      .at(-1)!;
    expect(sent.headers.authorization).toBe("Bearer SG.test-key");
    expect(sent.body).toMatchObject({
      personalizations: [{ to: [{ email: alert.email }] }],
      from: { email: "client-success-alerts@ethico.test" },
      subject: expect.stringContaining(alert.title),
      content: [{ type: "text/plain" }, { type: "text/html" }],
    });

    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({
        service: "slack",
        responses: [
          { status: 429, headers: { "retry-after": "3" }, body: "rate_limited", match: token },
          { status: 404, body: "channel_not_found", match: token },
        ],
      }),
    });
    expect((await deliver("slack", 1)).retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["d-slack-1"]);
    expect(await lastLog()).toMatchObject({
      channel: "slack",
      status: "FAILED_RETRYING",
      http_status: 429,
      detail: "Slack answered 429: rate_limited; retrying in 3 s",
    });
    const gone = await deliver("slack", 2);
    expect(gone.explicitAcks).toEqual(["d-slack-2"]); // a 4xx other than 429 is not retried
    expect(await lastLog()).toMatchObject({
      channel: "slack",
      status: "FAILED",
      http_status: 404,
      detail: "Slack answered 404: channel_not_found",
    });
    expect((await deliver("slack", 3)).explicitAcks).toEqual(["d-slack-3"]);
    const slack = (await (await fake("/__requests?service=slack")).json<Json[]>())
      .filter((r) => JSON.stringify(r.body).includes(token))
      .at(-1)!;
    expect(slack.body.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text" } });
    expect(slack.body.text).toContain(alert.title);

    // After the third retry the queue hands the message to the dead-letter queue.
    expect((await deliver("email", 4, "client-success-alert-delivery-dlq")).explicitAcks).toEqual(["d-email-4"]);
    expect(await lastLog()).toMatchObject({ channel: "email", status: "DEAD_LETTERED" });
    expect(await one("SELECT status FROM client_alerts WHERE id = ?", alert.id)).toBeTruthy(); // the in-app alert stays
  });
});

describe("alerts and the rest of the app", () => {
  it("rewords a new alert's analysis with Workers AI when bound (recording fake), keeping the local one on failure", async () => {
    const db = getDb(env.DB);
    const beta = (await clientNamed("Beta Industries")).id;
    await env.DB.prepare("UPDATE clients SET payment_status = 'LATE' WHERE id = ?").bind(beta).run();
    await env.DB.prepare("UPDATE alert_settings SET settings = json_remove(settings, '$.muted_until') WHERE scope = ?")
      .bind(beta)
      .run();
    await evaluateAlerts(db, [beta], new Date());
    const alert = await one(
      "SELECT id, ai_analysis FROM client_alerts WHERE client_id = ? AND dedup_key = 'PAYMENT_ISSUE:LATE' AND status = 'NEW'",
      beta,
    );
    const fake = fakeWorkersAi(
      Array.from({ length: 20 }, () =>
        textReply("Beta is late paying while its renewal nears: raise it gently this week."),
      ),
    );
    const { AI } = fake;
    const calls = fake.calls.map((c) => c.input);
    const spy = vi.spyOn(env.ALERT_DELIVERY_QUEUE, "send").mockImplementation(async () => undefined as never);
    await dispatchAlerts({ ...env, AI, AI_TEXT_MODEL: "@cf/zai-org/glm-4.7-flash" }, db, new Date());
    spy.mockRestore();
    calls.push(...fake.calls.map((c) => c.input));
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.some((c) => String(c.messages[1].content).includes("payment late"))).toBe(true);
    expect((await one("SELECT ai_analysis FROM client_alerts WHERE id = ?", alert.id)).ai_analysis).toBe(
      "Beta is late paying while its renewal nears: raise it gently this week.",
    );
    expect(
      await one("SELECT provider, user_id FROM ai_interactions WHERE kind = 'alert_analysis' ORDER BY at DESC LIMIT 1"),
    ).toEqual({ provider: "workers-ai", user_id: null });
  });

  it("feeds acknowledgement times into the CSM scorecard", async () => {
    const m = (await (await asUser(VP, "/analytics/csm/usr_jane_smith/metrics")).json<Json>()).scorecard;
    expect(m.alerts.received).toBeGreaterThan(0);
    expect(m.alerts.acknowledged).toBeGreaterThan(0);
    expect(m.alerts.avg_response_hours).not.toBeNull();
  });
});
