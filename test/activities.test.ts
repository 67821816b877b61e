import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { acmeId, AE, asUser, JANE, JOHN, json, VP } from "./helpers";

let acme: string;
let sarah: string;
let otherContact: string;

beforeAll(async () => {
  acme = await acmeId();
  sarah = (await env.DB.prepare("SELECT id FROM client_contacts WHERE name = 'Sarah Chen'").first<{ id: string }>())!
    .id;
  otherContact = (await env.DB.prepare("SELECT id FROM client_contacts WHERE client_id <> ? LIMIT 1")
    .bind(acme)
    .first<{ id: string }>())!.id;
});

const call = () => ({
  activity_type: "CALL",
  subject: "Check-in call with Sarah Chen",
  description: "Discussed recent platform usage and upcoming renewal.",
  // An hour ago, but never before today's midnight: the test reads "0 days ago" at any hour.
  occurred_at: new Date(
    Math.max(Date.now() - 3_600_000, Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)),
  ).toISOString(),
  duration_minutes: 30,
  client_contacts: [sarah],
  outcome: "SUCCESSFUL_ENGAGEMENT",
  follow_up_required: true,
  follow_up_date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
});

describe("activity logging", () => {
  it("logs the PRD's example call, moves last contact and re-scores the relationship", async () => {
    const before = await (
      await asUser(JANE, `/clients/${acme}/health`)
    ).json<{ components: { relationship: { score: number } } }>();
    const body = call();
    const res = await asUser(JANE, `/clients/${acme}/activities`, json("POST", body));
    expect(res.status).toBe(201);
    const a = await res.json<Record<string, unknown>>();
    expect(a).toMatchObject({
      client_id: acme,
      activity_type: "CALL",
      subject: body.subject,
      occurred_at: body.occurred_at,
      outcome: "SUCCESSFUL_ENGAGEMENT",
      follow_up_date: body.follow_up_date,
    });
    // The meeting summary and next steps come from the notes (local narrator: no AI binding here).
    expect(a.ai_summary).toMatch(
      /^Call with .*Sarah Chen: Check-in call with Sarah Chen\. Recent platform usage and upcoming renewal\. Outcome: successful engagement\. Follow-up scheduled /,
    );
    expect(a.ai_next_steps).toEqual(
      expect.arrayContaining(["Send a recap email to Sarah", expect.stringMatching(/^Follow up on /)]),
    );
    const log = await env.DB.prepare(
      "SELECT provider, kind FROM ai_interactions WHERE client_id = ? AND kind = 'meeting_notes' ORDER BY at DESC LIMIT 1",
    )
      .bind(acme)
      .first();
    expect(log).toEqual({ provider: "local", kind: "meeting_notes" });
    expect(a).toHaveProperty("created_at");
    const client = await env.DB.prepare("SELECT last_csm_contact_at FROM clients WHERE id = ?")
      .bind(acme)
      .first<{ last_csm_contact_at: string }>();
    expect(client!.last_csm_contact_at).toBe(body.occurred_at);
    const contact = await env.DB.prepare("SELECT last_csm_contact FROM client_contacts WHERE id = ?")
      .bind(sarah)
      .first<{ last_csm_contact: string }>();
    expect(contact!.last_csm_contact).toBe(body.occurred_at);
    const after = await (
      await asUser(JANE, `/clients/${acme}/health`)
    ).json<{ components: { relationship: { score: number; detail: string } } }>();
    expect(after.components.relationship.score).toBeGreaterThan(before.components.relationship.score);
    expect(after.components.relationship.detail).toContain("Last CSM contact 0 days ago");
  });

  it("lists activities newest first, by type and page", async () => {
    const list = await (
      await asUser(JANE, `/clients/${acme}/activities?type=CALL&limit=5`)
    ).json<{ data: { activity_type: string; performed_by: { name: string } }[]; pagination: { total: number } }>();
    expect(list.data.every((a) => a.activity_type === "CALL")).toBe(true);
    expect(list.data[0].performed_by.name).toBe("Jane Smith");
    expect(list.data.length).toBeLessThanOrEqual(5);
    for (const bad of ["type=NAP", "limit=0", "from=yesterday", "colour=red"])
      expect((await asUser(JANE, `/clients/${acme}/activities?${bad}`)).status).toBe(400);
  });

  it("refuses bad activities with the right status and writes nothing", async () => {
    const count = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM client_activities").first<{ n: number }>())!.n;
    const n = await count();
    expect((await asUser(JOHN, `/clients/${acme}/activities`, json("POST", call()))).status).toBe(404);
    expect(
      (await asUser(JANE, `/clients/${acme}/activities`, json("POST", { ...call(), activity_type: "NAP" }))).status,
    ).toBe(400);
    expect((await asUser(JANE, `/clients/${acme}/activities`, json("POST", { ...call(), mood: "good" }))).status).toBe(
      400,
    );
    expect((await asUser(JANE, `/clients/${acme}/activities`, json("POST", { ...call(), subject: "" }))).status).toBe(
      400,
    );
    expect(
      (await asUser(JANE, `/clients/${acme}/activities`, json("POST", { ...call(), follow_up_date: null }))).status,
    ).toBe(422);
    expect(
      (await asUser(JANE, `/clients/${acme}/activities`, json("POST", { ...call(), client_contacts: [otherContact] })))
        .status,
    ).toBe(422);
    expect(
      (
        await asUser(
          JANE,
          `/clients/${acme}/activities`,
          json("POST", { ...call(), occurred_at: new Date(Date.now() + 3 * 86_400_000).toISOString() }),
        )
      ).status,
    ).toBe(422);
    expect((await asUser(JANE, `/clients/${acme}/activities`, { method: "POST", body: "{" })).status).toBe(400);
    expect(await count()).toBe(n);
  });

  it("lets the author or a VP edit, completes follow-ups, and hides it from other CSMs", async () => {
    const a = await (await asUser(JANE, `/clients/${acme}/activities`, json("POST", call()))).json<{ id: string }>();
    const done = await asUser(
      JANE,
      `/activities/${a.id}`,
      json("PUT", { follow_up_completed: true, outcome_notes: "Sent the summary" }),
    );
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      follow_up_completed: true,
      follow_up_completed_at: expect.any(String),
      outcome_notes: "Sent the summary",
    });
    const renamed = await asUser(VP, `/activities/${a.id}`, json("PUT", { subject: "Renewal check-in" }));
    expect(renamed.status).toBe(200);
    // Changed notes mean a fresh summary.
    expect((await renamed.json<{ ai_summary: string }>()).ai_summary).toContain(": Renewal check-in.");
    expect((await asUser(AE, `/activities/${a.id}`, json("PUT", { subject: "Mine now" }))).status).toBe(403);
    expect((await asUser(JOHN, `/activities/${a.id}`, json("PUT", { subject: "Mine now" }))).status).toBe(404);
    expect((await asUser(JANE, `/activities/${a.id}`, json("PUT", { duration_minutes: -5 }))).status).toBe(400);
    const row = await env.DB.prepare("SELECT subject FROM client_activities WHERE id = ?").bind(a.id).first();
    expect(row).toEqual({ subject: "Renewal check-in" });
    const denied = await env.DB.prepare(
      "SELECT outcome, user_id FROM audit_log WHERE resource_id = ? AND outcome = 'DENIED'",
    )
      .bind(a.id)
      .first();
    expect(denied).toEqual({ outcome: "DENIED", user_id: "usr_ae" });
  });

  it("does not count an internal discussion as client contact, even when edited into one", async () => {
    const last = async () =>
      (await env.DB.prepare("SELECT last_csm_contact_at FROM clients WHERE id = ?")
        .bind(acme)
        .first<{ last_csm_contact_at: string }>())!.last_csm_contact_at;
    const before = await last();
    const internal = await (
      await asUser(
        JANE,
        `/clients/${acme}/activities`,
        json("POST", {
          activity_type: "INTERNAL_DISCUSSION",
          subject: "Risk review with AE",
          occurred_at: new Date().toISOString(),
        }),
      )
    ).json<{ id: string }>();
    expect(await last()).toBe(before);
    const latest = await (
      await asUser(
        JANE,
        `/clients/${acme}/activities`,
        json("POST", { ...call(), occurred_at: new Date().toISOString() }),
      )
    ).json<{ id: string; occurred_at: string }>();
    expect(await last()).toBe(latest.occurred_at);
    await asUser(JANE, `/activities/${latest.id}`, json("PUT", { activity_type: "INTERNAL_DISCUSSION" }));
    expect(await last()).toBe(before);
    const list = await (
      await asUser(JANE, `/clients/${acme}/activities?type=INTERNAL_DISCUSSION`)
    ).json<{ data: { id: string }[] }>();
    expect(list.data.map((a) => a.id)).toEqual(expect.arrayContaining([internal.id, latest.id]));
  });
});
