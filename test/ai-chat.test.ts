import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";
import { getDb } from "#worker/db/client";
import { findUserByEmail } from "#worker/db/queries/users";
import { chat } from "#worker/services/ai/chat";
import { CHAT_TOOLS } from "#worker/services/ai/chat-workers-ai";

import { fakeWorkersAi, textReply, toolReply } from "./fakes/fake-workers-ai";
import { asUser, JANE, JOHN, type Json, json, rows, TODAY, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// Chat over the portfolio: answers checked against the database, conversations per user,
// follow-ups, feedback, bad input, and the Workers AI tool-calling path with a recording fake.

// "This month" in a change question is the last 30 days (issue 18), not since the 1st.
const monthAgo = addDays(TODAY, -30);
const say = async (email: string, body: Json) => {
  const res = await asUser(email, "/ai/chat", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return { status: res.status, body: await res.json<Json>() };
};
const ids = (results: Json[]) => results.map((r) => r.client_id).sort();
const scoreOn = (since: string) =>
  `(SELECT h.overall_score FROM client_health_scores h WHERE h.client_id = c.id AND h.date <= '${since}' ORDER BY h.date DESC LIMIT 1)`;

// A trained churn model, so answers can speak of churn risk.
beforeAll(trainChurnModelByCron);

describe("chat answers come from the data", () => {
  it("lists exactly the clients whose health dropped more than 10 points this month, and offers drafts", async () => {
    const { status, body } = await say(JANE, {
      message: "Show me clients whose health dropped more than 10 points this month",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      provider: "local",
      intent: "list_clients",
      conversation_id: expect.any(String),
      interaction_id: expect.any(String),
    });
    const expected = await rows(
      `SELECT c.id, ${scoreOn(monthAgo)} - c.current_health_score AS drop_pts FROM clients c WHERE c.account_status = 'ACTIVE' AND c.csm_user_id = 'usr_jane_smith' AND ${scoreOn(monthAgo)} - c.current_health_score > 10`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(body.results)).toEqual(expected.map((r) => r.id).sort());
    for (const r of body.results) expect(-r.health_change).toBe(expected.find((e) => e.id === r.client_id)!.drop_pts);
    expect(body.answer).toMatch(
      new RegExp(
        `^Health dropped more than 10 points in the last 30 days \\(since ${monthAgo}\\), everything you can see: ${expected.length} clients?\\.`,
      ),
    );
    expect(body.answer).toContain(
      `1. ${body.results[0].name}: ${body.results[0].health_then} -> ${body.results[0].health_score}`,
    );
    expect(body.answer).toContain("Would you like me to draft outreach emails");

    // Follow-up in the same conversation: "yes, draft an email for <the first one>".
    const first = body.results[0];
    const draft = await say(JANE, {
      message: `Yes, draft an email for ${first.name}`,
      conversation_id: body.conversation_id,
    });
    expect(draft.body).toMatchObject({ conversation_id: body.conversation_id, intent: "email_draft" });
    expect(draft.body.results).toHaveLength(1);
    expect(draft.body.results[0]).toMatchObject({
      client_id: first.client_id,
      subject: expect.stringContaining(first.name),
      body: expect.stringContaining("Jane Smith"),
    });
    expect(draft.body.answer).toContain(`Here is a draft for ${first.name}`);
    const stored = await (await asUser(JANE, `/ai/conversations/${body.conversation_id}`)).json<Json>();
    expect(stored.messages.map((m: Json) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(stored.messages[1].results.map((r: Json) => r.client_id).sort()).toEqual(ids(body.results));
  });

  it("renewals in the next 60 days over $50K, and Jane's enterprise clients in manufacturing (as the VP)", async () => {
    const r = await say(VP, { message: "renewals in the next 60 days over $50K" });
    const expected = await rows(
      `SELECT id FROM clients WHERE account_status = 'ACTIVE' AND next_renewal_date BETWEEN ? AND ? AND annual_recurring_revenue > 50000`,
      TODAY,
      addDays(TODAY, 60),
    );
    expect(ids(r.body.results)).toEqual(expected.map((e) => e.id).sort());
    const days = r.body.results.map((x: Json) => x.days_to_renewal);
    expect(days).toEqual([...days].sort((a, b) => a - b));

    const j = await say(VP, { message: "Jane's enterprise clients in manufacturing" });
    const expectedJ = await rows(
      `SELECT id FROM clients WHERE account_status = 'ACTIVE' AND csm_user_id = 'usr_jane_smith' AND contract_tier = 'ENTERPRISE' AND industry = 'Manufacturing'`,
    );
    expect(expectedJ.length).toBeGreaterThan(0);
    expect(ids(j.body.results)).toEqual(expectedJ.map((e) => e.id).sort());
    expect(j.body.answer).toMatch(/^Enterprise, in Manufacturing, Jane Smith's book: \d+ clients?\./);
  });

  it("answers about one client, its drivers, its peers, and upsell candidates", async () => {
    const acme = (await rows("SELECT id, current_health_score FROM clients WHERE name = 'Acme Corporation'"))[0];
    const s = await say(JANE, { message: "what's going on with acme corp?" });
    expect(s.body).toMatchObject({
      intent: "client_status",
      results: [{ client_id: acme.id, health_score: acme.current_health_score }],
    });
    expect(s.body.answer).toContain(`health ${acme.current_health_score}`);
    const why = await say(JANE, { message: "why is it dropping?", conversation_id: s.body.conversation_id });
    expect(why.body.intent).toBe("health_drivers");
    expect(why.body.results[0]).toMatchObject({ client_id: acme.id, health_score: acme.current_health_score });
    expect(why.body.answer).toMatch(/What fell: |No component fell/);
    const cmp = await say(JANE, { message: "how does acme compare to similar clients" });
    expect(cmp.body.intent).toBe("compare");
    expect(cmp.body.answer).toContain("Acme Corporation against");
    // One client made a clear upsell case: healthy, rising, low risk, one module licensed.
    const star = (
      await rows(
        "SELECT id, name FROM clients WHERE account_status = 'ACTIVE' AND csm_user_id = 'usr_jane_smith' AND id <> ? ORDER BY name LIMIT 1",
        acme.id,
      )
    )[0];
    await env.DB.prepare(
      `UPDATE clients SET current_health_score = 92, health_status = 'HEALTHY', health_trend_change = 5, churn_risk_score = 4, licensed_modules = '["CASE_MANAGEMENT"]' WHERE id = ?`,
    )
      .bind(star.id)
      .run();
    await env.DB.prepare(
      "INSERT INTO survey_responses (id, client_id, kind, score, responded_at) VALUES ('nps_star', ?, 'NPS', 10, ?)",
    )
      .bind(star.id, new Date().toISOString())
      .run();
    const up = await say(VP, { message: "which clients are ready for upsel?" });
    expect(up.body.intent).toBe("expansion");
    const hit = up.body.results.find((r: Json) => r.client_id === star.id);
    expect(hit.signals).toEqual(
      expect.arrayContaining([
        "Health 92 (healthy)",
        "Health up 5 points in 30 days",
        "Latest NPS 10 (promoter)",
        expect.stringMatching(/^Not yet licensed: Disclosures, Policy Management/),
      ]),
    );
    const facts = await rows(
      `SELECT id, current_health_score AS h, churn_risk_score AS risk FROM clients WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ids(up.body.results)),
    );
    for (const f of facts) expect(f.h >= 70 && (f.risk ?? 0) < 20).toBe(true);
    const one = await say(JANE, { message: `is ${star.name} ready to expand?` });
    expect(one.body).toMatchObject({ intent: "expansion", results: [{ client_id: star.id }] });
    expect(one.body.answer).toContain(`${star.name} shows expansion signals`);
  });

  it("summarises what I did, from my own activities", async () => {
    const acme = (await rows("SELECT id FROM clients WHERE name = 'Acme Corporation'"))[0].id;
    const logged = await asUser(
      JANE,
      `/clients/${acme}/activities`,
      json("POST", {
        activity_type: "CALL",
        subject: "Renewal prep call",
        occurred_at: new Date().toISOString(),
        outcome: "SUCCESSFUL_ENGAGEMENT",
      }),
    );
    expect(logged.status).toBe(201);
    const r = await say(JANE, { message: "what have I done this week?" });
    expect(r.body.intent).toBe("my_activity");
    const mine = r.body.results.find((x: Json) => x.client_id === acme);
    expect(mine.subjects).toContain("Renewal prep call");
    const count = (
      await rows(
        "SELECT count(*) AS n FROM client_activities WHERE performed_by_id = 'usr_jane_smith' AND occurred_at >= ?",
        (() => {
          const d = new Date(`${TODAY}T00:00:00Z`);
          d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
          return d.toISOString().slice(0, 10);
        })(),
      )
    )[0].n;
    expect(r.body.results.reduce((n: number, x: Json) => n + x.activities, 0)).toBe(count);
  });

  it("says it can't answer, with what it can do, and never invents", async () => {
    const r = await say(JANE, { message: "What's the weather in Paris tomorrow?" });
    expect(r.body).toMatchObject({ intent: "unknown", results: [] });
    expect(r.body.answer).toMatch(/^I can't answer that\./);
    expect(r.body.answer).toContain("Show me at-risk clients");
  });
});

describe("conversations and feedback are per user; bad input changes nothing", () => {
  it("keeps conversations private", async () => {
    const r = await say(JANE, { message: "show me at-risk clients" });
    expect((await asUser(JOHN, `/ai/conversations/${r.body.conversation_id}`)).status).toBe(404);
    expect((await say(JOHN, { message: "and only enterprise", conversation_id: r.body.conversation_id })).status).toBe(
      404,
    );
    const list = await (await asUser(JANE, "/ai/conversations")).json<Json>();
    expect(list.data.map((c: Json) => c.id)).toContain(r.body.conversation_id);
    expect((await (await asUser(JOHN, "/ai/conversations")).json<Json>()).data.map((c: Json) => c.id)).not.toContain(
      r.body.conversation_id,
    );
    // A John-scoped question never lists Jane's clients.
    const john = await say(JOHN, { message: "show me at-risk clients" });
    const owners = await rows(
      `SELECT DISTINCT csm_user_id FROM clients WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ids(john.body.results)),
    );
    expect(owners.map((o) => o.csm_user_id).filter((o) => o !== "usr_john_doe")).toEqual([]);
  });

  it("refuses bad bodies with a clear error and stores nothing", async () => {
    const before = (await rows("SELECT count(*) AS n FROM ai_messages"))[0].n;
    for (const body of [
      {},
      { message: "" },
      { message: "hi", extra: 1 },
      { message: 42 },
      { message: "x".repeat(1001) },
      { message: "hi", conversation_id: "bad id!" },
    ]) {
      const r = await say(JANE, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({
        code: "BAD_REQUEST",
        message: "Invalid chat message",
        details: expect.any(Array),
      });
    }
    expect((await say(JANE, { message: "hi", client_id: "cli_not_mine" })).status).toBe(404);
    expect((await rows("SELECT count(*) AS n FROM ai_messages"))[0].n).toBe(before);
  });

  it("stores thumbs on an answer, replaces a second vote, and refuses others' answers", async () => {
    const r = await say(JANE, { message: "help" });
    const vote = (email: string, body: Json) => asUser(email, "/ai/feedback", json("POST", body));
    expect((await vote(JANE, { interaction_id: r.body.interaction_id, rating: "up" })).status).toBe(200);
    expect(
      (await vote(JANE, { interaction_id: r.body.interaction_id, rating: "down", comment: "too long" })).status,
    ).toBe(200);
    expect(
      await rows("SELECT rating, comment FROM ai_feedback WHERE interaction_id = ?", r.body.interaction_id),
    ).toEqual([{ rating: "down", comment: "too long" }]);
    expect((await vote(JOHN, { interaction_id: r.body.interaction_id, rating: "up" })).status).toBe(404);
    expect((await vote(JANE, { interaction_id: r.body.interaction_id, rating: "meh" })).status).toBe(400);
    const stored = await (await asUser(JANE, `/ai/conversations/${r.body.conversation_id}`)).json<Json>();
    expect(stored.messages[1].rating).toBe("down");
  });
});

describe("chat through Workers AI (recording fake binding, glm-4.7-flash shapes)", () => {
  const GLM = "@cf/zai-org/glm-4.7-flash";
  const fake = (replies: unknown[], models: { text?: string; chat?: string } = {}) => {
    const f = fakeWorkersAi(replies);
    return { calls: f.calls, env: { AI: f.AI, AI_TEXT_MODEL: models.text ?? GLM, AI_CHAT_MODEL: models.chat ?? GLM } };
  };
  const jane = async () => (await findUserByEmail(getDb(env.DB), JANE))!;

  it("gives the model the plan schema as a tool, runs its validated plan on the app's own query, and words the real rows", async () => {
    const plan = { kind: "list", conditions: [{ metric: "health_change", op: "lt", value: -10, window_days: 30 }] };
    const ai = fake([
      toolReply("query_portfolio", plan, GLM, [500, 30]),
      textReply("Several of your clients dropped sharply this month.", GLM, [900, 40]),
    ]);
    const r = await chat(
      ai.env,
      getDb(env.DB),
      await jane(),
      { message: "who fell off a cliff this month?" },
      new Date(),
    );
    expect(ai.calls.map((c) => c.model)).toEqual([GLM, GLM]);
    const first = ai.calls[0].input;
    expect(first.tools.map((t: Json) => t.function.name)).toEqual(CHAT_TOOLS.map((t) => t.name));
    expect(first.tools[0].function.parameters.properties.conditions.items.properties.metric.enum).toContain(
      "days_since_contact",
    );
    expect(first.messages.map((m: Json) => m.role)).toEqual(["system", "user"]);
    expect(ai.calls[1].input.messages.map((m: Json) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(ai.calls[1].input.messages[3].content).not.toMatch(/@[a-z]/i);
    expect(r).toMatchObject({
      provider: "workers-ai",
      model: GLM,
      answer: "Several of your clients dropped sharply this month.",
      note: null,
      intent: "list_clients",
    });
    const expected = await rows(
      `SELECT c.id FROM clients c WHERE c.account_status = 'ACTIVE' AND c.csm_user_id = 'usr_jane_smith' AND ${scoreOn(monthAgo)} - c.current_health_score > 10`,
    );
    expect(ids(r.results)).toEqual(expected.map((e) => e.id).sort());
    const log = (
      await rows(
        "SELECT provider, input_tokens, output_tokens, used_fallback FROM ai_interactions WHERE id = ?",
        r.interaction_id,
      )
    )[0];
    expect(log).toEqual({ provider: "workers-ai", input_tokens: 1400, output_tokens: 70, used_fallback: 0 });
  });

  it("falls back to the local parser when Workers AI fails, calls no tool or proposes an invalid plan, and records the fallback", async () => {
    const failing = fake([
      () => {
        throw new Error("3040: Capacity temporarily exceeded");
      },
    ]);
    const r = await chat(failing.env, getDb(env.DB), await jane(), { message: "Show me at-risk clients" }, new Date());
    expect(r).toMatchObject({ provider: "local", intent: "list_clients" });
    expect(r.note).toMatch(/Workers AI did not answer \(3040: Capacity temporarily exceeded\); the local parser/);
    const expected = await rows(
      "SELECT id FROM clients WHERE account_status = 'ACTIVE' AND csm_user_id = 'usr_jane_smith' AND health_status IN ('AT_RISK','CRITICAL')",
    );
    expect(ids(r.results)).toEqual(expected.map((e) => e.id).sort());
    const none = fake([textReply("NONE")]);
    const n = await chat(none.env, getDb(env.DB), await jane(), { message: "tell me a joke" }, new Date());
    expect(n).toMatchObject({ provider: "local", intent: "unknown" });
    expect(n.note).toMatch(/chose none of the app's questions/);
    const bad = fake([
      toolReply("query_portfolio", { kind: "list", conditions: [{ metric: "arr", op: "gt", value: "lots" }] }),
    ]);
    const b = await chat(bad.env, getDb(env.DB), await jane(), { message: "clients over $100k" }, new Date());
    expect(b).toMatchObject({ provider: "local", intent: "list_clients" });
    expect(b.note).toMatch(/proposed a plan that failed validation/);
    expect(
      (await rows("SELECT used_fallback, error FROM ai_interactions WHERE id = ?", b.interaction_id))[0],
    ).toMatchObject({ used_fallback: 1, error: expect.stringMatching(/^invalid tool call: conditions/) });
  });

  it("never sends a retired model id: the answer is local and the call is logged with why", async () => {
    const ai = fake([], { chat: "@hf/nousresearch/hermes-2-pro-mistral-7b" });
    const r = await chat(ai.env, getDb(env.DB), await jane(), { message: "Show me at-risk clients" }, new Date());
    expect(ai.calls).toHaveLength(0);
    expect(r).toMatchObject({ provider: "local", intent: "list_clients" });
    expect(r.note).toMatch(/retired/);
  });
});
