import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { addDays, isoDate } from "#worker/core/dates";
import worker from "#worker/index";

import { TODAY } from "./helpers";

const URL_EVENTS = "https://csd.localhost/api/v1/client-success/events";
// The day the events happen: today once 05:15 UTC has passed (the latest hour they use), else
// yesterday, so that no event is in the future whenever the suite runs.
const day = isoDate(new Date(Date.now() - 6 * 3_600_000));
const at = (hour: number, date = day) => `${date}T${String(hour).padStart(2, "0")}:15:00Z`;

function post(body: unknown, token = "dev-ingest-token") {
  return SELF.fetch(URL_EVENTS, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function client(name: string) {
  return (await env.DB.prepare("SELECT * FROM clients WHERE name = ?").bind(name).first<Record<string, unknown>>())!;
}

/** Runs what the queue would deliver: the messages the API sent, through the Worker's consumer. */
async function deliver(sent: unknown[]) {
  const batch = createMessageBatch(
    "client-success-events",
    sent.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

function captureQueue() {
  const sent: unknown[] = [];
  vi.spyOn(env.EVENTS_QUEUE, "send").mockImplementation(async (body: unknown) => {
    sent.push(body);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as unknown as QueueSendResponse;
  });
  return sent;
}

describe("POST /events", () => {
  it("refuses a missing or wrong service token with 401 and a Dashboard user's identity does not help", async () => {
    expect((await post({ events: [] }, "wrong")).status).toBe(401);
    const res = await SELF.fetch(URL_EVENTS, {
      method: "POST",
      headers: { "x-dev-user": "vp-cs@ethico.test", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
  });

  it.each([
    ["not JSON", "{"],
    ["not a batch", { event: {} }],
    ["an empty batch", { events: [] }],
    ["too many events", { events: Array.from({ length: 1001 }, () => ({})) }],
    ["an array body", [{}]],
  ])("answers %s with 400 and writes nothing", async (_l, body) => {
    const sent = captureQueue();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    expect(sent).toEqual([]);
  });

  it("accepts good events, rejects bad ones by index, ignores repeats, and folds them into the rollups", async () => {
    const acme = await client("Acme Corporation");
    const users = await env.DB.prepare("SELECT id FROM platform_users WHERE client_id = ? LIMIT 2")
      .bind(acme.id)
      .all<{ id: string }>();
    const [u1, u2] = users.results.map((u) => u.id);
    const before = (await env.DB.prepare("SELECT * FROM client_usage_metrics WHERE client_id = ? AND date = ?")
      .bind(acme.id, day)
      .first<Record<string, number>>())!;
    const dauBefore = await env.DB.prepare(
      "SELECT count(*) AS n FROM user_daily_activity WHERE client_id = ? AND date = ?",
    )
      .bind(acme.id, day)
      .first<{ n: number }>();
    const knew = await env.DB.prepare(
      "SELECT count(*) AS n FROM user_daily_activity WHERE client_id = ? AND date = ? AND user_id IN (?, ?)",
    )
      .bind(acme.id, day, u1, u2)
      .first<{ n: number }>();
    const events = [
      { event_id: "ev-1", client_id: acme.id, type: "login", occurred_at: at(3), user_id: u1 },
      {
        event_id: "ev-2",
        organization_id: acme.organization_id,
        type: "action",
        occurred_at: at(3),
        user_id: u1,
        module: "CASE_MANAGEMENT",
        feature: "case_creation",
      },
      {
        event_id: "ev-3",
        client_id: acme.id,
        type: "session_end",
        occurred_at: at(4),
        user_id: u1,
        duration_seconds: 600,
      },
      { event_id: "ev-4", client_id: acme.id, type: "login", occurred_at: at(5), user_id: u2 },
      { event_id: "ev-5", client_id: acme.id, type: "case_created", occurred_at: at(5), user_id: u2 },
      {
        event_id: "ev-6",
        client_id: acme.id,
        type: "support_ticket_opened",
        occurred_at: at(5),
        ticket_id: "T-900",
        severity: "URGENT",
        subject: "Login outage",
      },
      { event_id: "ev-7", client_id: acme.id, type: "nps_response", occurred_at: at(5), score: 3 },
      { event_id: "ev-1", client_id: acme.id, type: "login", occurred_at: at(3), user_id: u1 }, // repeat in batch
      { event_id: "bad-1", client_id: acme.id, type: "login", occurred_at: at(3) }, // no user
      { event_id: "bad-2", client_id: "cli_nope", type: "api_call", occurred_at: at(3) },
      { event_id: "bad-3", client_id: acme.id, type: "teleport", occurred_at: at(3) },
      { event_id: "bad-4", client_id: acme.id, type: "nps_response", occurred_at: at(3), score: 11 },
      { event_id: "bad-5", client_id: acme.id, type: "login", occurred_at: "yesterday", user_id: u1 },
      { event_id: "bad-6", client_id: acme.id, type: "login", occurred_at: at(3), user_id: u1, colour: "red" },
      { event_id: "bad-7", type: "api_call", occurred_at: at(3) },
      {
        event_id: "bad-8",
        client_id: acme.id,
        type: "login",
        occurred_at: new Date(Date.now() + 3_600_000).toISOString(),
        user_id: u1,
      },
    ];
    const sent = captureQueue();
    const res = await post({ events });
    expect(res.status).toBe(202);
    const body = await res.json<{
      accepted: number;
      duplicates: number;
      rejected: { index: number; reason: string }[];
    }>();
    expect(body.accepted).toBe(7);
    expect(body.duplicates).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(body.rejected[1].reason).toContain("unknown client_id");
    expect(body.rejected[5].reason).toContain("colour");
    expect(body.rejected[7].reason).toContain("future");

    const result = await deliver(sent);
    expect(result.explicitAcks).toEqual(["m0"]);
    const after = (await env.DB.prepare("SELECT * FROM client_usage_metrics WHERE client_id = ? AND date = ?")
      .bind(acme.id, day)
      .first<Record<string, number | string>>())!;
    expect(after.total_sessions).toBe(Number(before.total_sessions) + 2);
    expect(after.total_actions).toBe(Number(before.total_actions) + 1);
    expect(after.cases_created).toBe(Number(before.cases_created) + 1);
    expect(JSON.parse(String(after.logins_by_hour))["3"]).toBe(
      (JSON.parse(String(before.logins_by_hour ?? "{}"))["3"] ?? 0) + 1,
    );
    expect(after.daily_active_users).toBe(dauBefore!.n + 2 - knew!.n);
    const ticket = await env.DB.prepare("SELECT * FROM support_tickets WHERE external_id = 'T-900'").first();
    expect(ticket).toMatchObject({ client_id: acme.id, severity: "URGENT", status: "OPEN" });
    expect(await env.DB.prepare("SELECT score FROM survey_responses WHERE id = 'srv_ev-7'").first()).toEqual({
      score: 3,
    });
    const feature = await env.DB.prepare(
      "SELECT uses FROM feature_daily_usage WHERE client_id = ? AND feature_key = 'case_creation' AND date = ?",
    )
      .bind(acme.id, day)
      .first<{ uses: number }>();
    expect(feature!.uses).toBeGreaterThanOrEqual(2);
    // The ingest recalculated Acme: today's snapshot now counts the urgent ticket.
    const snap = await env.DB.prepare(
      "SELECT component_details FROM client_health_scores WHERE client_id = ? AND date = ?",
    )
      .bind(acme.id, TODAY)
      .first<{ component_details: string }>();
    expect(JSON.parse(snap!.component_details).support).toContain("urgent");

    // Redelivery and resubmission change nothing.
    const snapshot = async () =>
      await env.DB.prepare("SELECT * FROM client_usage_metrics WHERE client_id = ? AND date = ?")
        .bind(acme.id, day)
        .first();
    const once = await snapshot();
    await deliver(sent);
    expect(await snapshot()).toEqual(once);
    const again = captureQueue();
    const res2 = await post({ events: events.slice(0, 7) });
    expect(await res2.json()).toEqual({ accepted: 0, duplicates: 7, rejected: [] });
    expect(again).toEqual([]);
  });

  it("closes tickets, takes the latest payment status, and counts a new user", async () => {
    const beta = await client("Beta Industries");
    const sent = captureQueue();
    await post({
      events: [
        {
          event_id: "t-open",
          client_id: beta.id,
          type: "support_ticket_opened",
          occurred_at: at(1),
          ticket_id: "B-1",
          severity: "LOW",
        },
        { event_id: "pay-1", client_id: beta.id, type: "payment_status", occurred_at: at(1), status: "LATE" },
        { event_id: "pay-2", client_id: beta.id, type: "payment_status", occurred_at: at(2), status: "DELINQUENT" },
        { event_id: "new-user-login", client_id: beta.id, type: "login", occurred_at: at(2), user_id: "pu_brand_new" },
      ],
    });
    await deliver(sent);
    const sent2 = captureQueue();
    await post({
      events: [
        {
          event_id: "t-close",
          client_id: beta.id,
          type: "support_ticket_closed",
          occurred_at: at(4),
          ticket_id: "B-1",
        },
      ],
    });
    await deliver(sent2);
    expect(
      await env.DB.prepare("SELECT status, closed_at FROM support_tickets WHERE external_id = 'B-1'").first(),
    ).toEqual({ status: "CLOSED", closed_at: new Date(at(4)).toISOString() });
    expect((await client("Beta Industries")).payment_status).toBe("DELINQUENT");
    const m = await env.DB.prepare(
      "SELECT new_users, total_users FROM client_usage_metrics WHERE client_id = ? AND date = ?",
    )
      .bind(beta.id, day)
      .first<{ new_users: number; total_users: number }>();
    expect(m!.new_users).toBeGreaterThanOrEqual(1);
    expect(await env.DB.prepare("SELECT display_name FROM platform_users WHERE id = 'pu_brand_new'").first()).toEqual({
      display_name: "pu_brand_new",
    });
  });

  it("keeps rolling windows right for an event on an earlier day", async () => {
    const acme = await client("Acme Corporation");
    const sent = captureQueue();
    await post({
      events: [
        {
          event_id: "late-1",
          client_id: acme.id,
          type: "login",
          occurred_at: at(9, addDays(TODAY, -3)),
          user_id: "pu_late_user",
        },
      ],
    });
    await deliver(sent);
    const rows = await env.DB.prepare(
      "SELECT date, weekly_active_users, monthly_active_users FROM client_usage_metrics WHERE client_id = ? AND date IN (?, ?)",
    )
      .bind(acme.id, addDays(TODAY, -3), TODAY)
      .all<{ date: string; weekly_active_users: number; monthly_active_users: number }>();
    const wauToday = await env.DB.prepare(
      "SELECT count(DISTINCT user_id) AS n FROM user_daily_activity WHERE client_id = ? AND date BETWEEN ? AND ?",
    )
      .bind(acme.id, addDays(TODAY, -6), TODAY)
      .first<{ n: number }>();
    expect(rows.results.find((r) => r.date === TODAY)!.weekly_active_users).toBe(wauToday!.n);
  });
});
