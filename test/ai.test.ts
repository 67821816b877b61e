import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { getDb } from "#worker/db/client";
import { findUserByEmail } from "#worker/db/queries/users";
import { recordActivity } from "#worker/services/activities";
import { aiEmailDraft, generateClientSummary } from "#worker/services/ai/client-ai";

import { fakeWorkersAi, textReply } from "./fakes/fake-workers-ai";
import { acmeId, asUser, JANE, JOHN, type Json, rows } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

const GLM = "@cf/zai-org/glm-4.7-flash";

// The client's AI answers: offline through the local narrator (no AI binding here, as in
// local development), and through a recording fake of the Workers AI binding.

// A trained churn model, so answers can speak of churn risk.
beforeAll(trainChurnModelByCron);

describe("AI answers without Workers AI (local narrator)", () => {
  it("writes, stores and returns a summary that names its provider, and logs the call without PII", async () => {
    const id = await acmeId();
    const res = await asUser(JANE, `/clients/${id}/ai/summary`, { method: "POST" });
    expect(res.status).toBe(200);
    const s = await res.json<Json>();
    expect(s).toMatchObject({ client_id: id, provider: "local", model: null, note: null });
    const c = (
      await rows(
        "SELECT ai_summary, ai_summary_generated_at, current_health_score, churn_risk_score, ai_recommended_actions FROM clients WHERE id = ?",
        id,
      )
    )[0];
    expect(s.summary).toBe(c.ai_summary);
    expect(s.generated_at).toBe(c.ai_summary_generated_at);
    // Built from the facts in the database, not invented.
    expect(s.summary).toContain(`health ${c.current_health_score}`);
    expect(s.summary).toContain(`${c.churn_risk_score}%`);
    expect(JSON.parse(c.ai_recommended_actions).length).toBeGreaterThan(0);
    const log = (
      await rows("SELECT * FROM ai_interactions WHERE client_id = ? AND kind = 'summary' ORDER BY at DESC LIMIT 1", id)
    )[0];
    expect(log).toMatchObject({ provider: "local", used_fallback: 0, user_id: "usr_jane_smith" });
    expect(log.latency_ms).toBeGreaterThanOrEqual(0);
    const emails = (await rows("SELECT email, phone FROM client_contacts WHERE client_id = ?", id))
      .flatMap((r) => [r.email, r.phone])
      .filter(Boolean);
    expect(emails.length).toBeGreaterThan(0);
    for (const e of emails) expect(log.prompt).not.toContain(e);
    expect(log.prompt).not.toMatch(/@/);

    const stored = await (await asUser(JANE, `/clients/${id}/summary`)).json<Json>();
    expect(stored).toMatchObject({ summary: s.summary, generated_at: s.generated_at });
  });

  it("recommends actions tied to risk factors, and drafts an email to the right contact", async () => {
    const id = await acmeId();
    const a = await (await asUser(JANE, `/clients/${id}/ai/actions`, { method: "POST" })).json<Json>();
    expect(a.provider).toBe("local");
    expect(a.actions.length).toBeGreaterThan(0);
    for (const x of a.actions)
      expect(x).toEqual({
        action: expect.any(String),
        why: expect.any(String),
        factor: expect.any(String),
        priority: expect.stringMatching(/high|medium|low/),
        due_in_days: expect.any(Number),
      });
    expect(a.rationale).toContain(a.actions[0].why);
    const d = await (await asUser(JANE, `/clients/${id}/ai/email-draft`, { method: "POST" })).json<Json>();
    expect(d).toMatchObject({ provider: "local", subject: expect.any(String) });
    const champion = (await rows("SELECT name FROM client_contacts WHERE client_id = ? AND role = 'CHAMPION'", id))[0];
    expect(d.to.name).toBe(champion.name);
  });

  it("keeps other CSMs' clients out, and refuses bad ids", async () => {
    const id = await acmeId();
    expect((await asUser(JOHN, `/clients/${id}/ai/summary`, { method: "POST" })).status).toBe(404);
    expect((await asUser(JOHN, `/clients/${id}/summary`)).status).toBe(404);
    expect((await asUser(JANE, "/clients/bad%20id/ai/actions", { method: "POST" })).status).toBe(400);
  });
});

describe("AI answers through Workers AI (recording fake binding)", () => {
  // Recorded answers in glm-4.7-flash's documented Chat Completions shape (test/fakes/fake-workers-ai.ts).
  const fakeAi = (reply: (input: Json) => unknown) => {
    const f = fakeWorkersAi(Array.from({ length: 5 }, () => reply));
    return { calls: f.calls, env: { AI: f.AI, AI_TEXT_MODEL: GLM } };
  };

  it("sends the configured model a system and a user message with aggregated facts, and uses its answer", async () => {
    const id = await acmeId();
    const db = getDb(env.DB);
    const jane = (await findUserByEmail(db, JANE))!;
    const ai = fakeAi(() =>
      textReply("  Acme is slipping: usage is down and the champion is quiet.  ", GLM, [812, 21]),
    );
    const s = await generateClientSummary(ai.env, db, jane, id, new Date());
    expect(s).toMatchObject({
      provider: "workers-ai",
      model: GLM,
      summary: "Acme is slipping: usage is down and the champion is quiet.",
      note: null,
    });
    expect(ai.calls).toHaveLength(1);
    const { model, input } = ai.calls[0];
    expect(model).toBe(GLM);
    expect(input.messages.map((m: Json) => m.role)).toEqual(["system", "user"]);
    expect(input.messages[1].content).toContain('"client":"Acme Corporation"');
    expect(input.messages[1].content).not.toMatch(/@[a-z]/i);
    expect(input.max_completion_tokens).toBeGreaterThan(0);
    const log = (
      await rows(
        "SELECT provider, model, input_tokens, output_tokens, used_fallback FROM ai_interactions WHERE client_id = ? ORDER BY at DESC LIMIT 1",
        id,
      )
    )[0];
    expect(log).toEqual({ provider: "workers-ai", model: GLM, input_tokens: 812, output_tokens: 21, used_fallback: 0 });
  });

  it("falls back to the local narrator when Workers AI fails, and says so", async () => {
    const id = await acmeId();
    const db = getDb(env.DB);
    const jane = (await findUserByEmail(db, JANE))!;
    const ai = fakeAi(() => {
      throw new Error("3040: Capacity temporarily exceeded");
    });
    const d = await aiEmailDraft(ai.env, db, jane, id, new Date());
    expect(ai.calls).toHaveLength(1);
    expect(d.provider).toBe("local");
    expect(d.note).toMatch(/Workers AI did not answer \(3040: Capacity temporarily exceeded\)/);
    expect(d.body.length).toBeGreaterThan(50);
    const log = (
      await rows(
        "SELECT provider, used_fallback, error FROM ai_interactions WHERE client_id = ? AND kind = 'email_draft' ORDER BY at DESC LIMIT 1",
        id,
      )
    )[0];
    expect(log).toEqual({ provider: "local", used_fallback: 1, error: "3040: Capacity temporarily exceeded" });
    // An empty answer is a failure too.
    const empty = fakeAi(() => textReply(""));
    expect((await aiEmailDraft(empty.env, db, jane, id, new Date())).provider).toBe("local");
  });

  it("writes the activity's meeting summary from Workers AI's JSON, and from the notes when the JSON is not usable", async () => {
    const id = await acmeId();
    const db = getDb(env.DB);
    const jane = (await findUserByEmail(db, JANE))!;
    const sarah = (await rows("SELECT id FROM client_contacts WHERE client_id = ? AND name = 'Sarah Chen'", id))[0].id;
    const input = {
      activity_type: "CALL" as const,
      subject: "Check-in",
      description: "Call sarah.chen@acme.example or +1 312 555 0100. She will share the audit plan.",
      occurred_at: new Date().toISOString(),
      client_contacts: [sarah],
    };
    const good = fakeAi(() =>
      textReply('{"summary": "Check-in with Sarah; audit plan coming.", "next_steps": ["Chase the audit plan"]}'),
    );
    const a = await recordActivity(db, jane, id, input, new Date(), good.env);
    expect(a).toMatchObject({
      ai_summary: "Check-in with Sarah; audit plan coming.",
      ai_next_steps: ["Chase the audit plan"],
    });
    const prompt = good.calls[0].input.messages[1].content as string;
    expect(prompt).toContain("audit plan");
    expect(prompt).not.toContain("sarah.chen@acme.example");
    expect(prompt).not.toContain("555 0100");
    const bad = fakeAi(() => textReply("Here are some thoughts about the call."));
    const b = await recordActivity(db, jane, id, input, new Date(), bad.env);
    expect(b.ai_summary).toMatch(/^Call with .*Sarah Chen: Check-in\./);
    expect(b.ai_next_steps).toContain("Send a recap email to Sarah");
  });
});
