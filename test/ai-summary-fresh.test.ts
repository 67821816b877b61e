import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { acmeId, asUser, JANE, json, PAGE } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// Issue 18.4: a stored summary keeps the facts it was written from; once the header's facts move
// (an activity is logged), reading it rewrites it from the current facts, so the summary never
// disagrees with the header beside it.

const justNow = () =>
  new Date(
    Math.max(Date.now() - 60_000, Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)),
  ).toISOString();

let acme: string;
let sarah: string;
const header = async () =>
  (await env.DB.prepare(
    "SELECT current_health_score AS score, health_status AS status, churn_risk_score AS risk, last_csm_contact_at AS contact FROM clients WHERE id = ?",
  )
    .bind(acme)
    .first<{ score: number; status: string; risk: number | null; contact: string | null }>())!;
const page = async () => (await (await asUser(JANE, `${PAGE}/clients/${acme}`)).text()).replaceAll("<!-- -->", "");
const band = (s: string) => s.toLowerCase().replace("_", " ");

/** The summary states the header's health, band, churn risk and last contact, and no other health figure. */
function agrees(summary: string, h: Awaited<ReturnType<typeof header>>, contactDays: number) {
  expect(summary).toContain(`is at health ${h.score} (${band(h.status)})`);
  expect([...summary.matchAll(/health (\d+)/g)].map((m) => Number(m[1]))).toEqual([h.score]);
  expect(h.risk).not.toBeNull();
  expect(summary).toContain(`Churn risk at the next renewal is ${h.risk}%`);
  expect(summary).toContain(`Last CSM contact was ${contactDays} days ago`);
}

beforeAll(async () => {
  acme = await acmeId();
  sarah = (await env.DB.prepare("SELECT id FROM client_contacts WHERE name = 'Sarah Chen'").first<{ id: string }>())!
    .id;
  // With a churn model, so the summary and the header both state a churn risk.
  await trainChurnModelByCron();
});

describe("AI summaries are never stale", () => {
  it("keeps the facts it was written from, and is rewritten once they change: API and client page", async () => {
    const written = await (
      await asUser(JANE, `/clients/${acme}/ai/summary`, { method: "POST" })
    ).json<{ summary: string; written_from: Record<string, unknown> }>();
    const before = await header();
    agrees(written.summary, before, 45);
    expect(written.written_from).toMatchObject({
      health_score: before.score,
      health_status: before.status,
      churn_risk_pct: before.risk,
      last_csm_contact_at: before.contact,
      last_contact_days: 45,
    });
    const stored = await env.DB.prepare("SELECT ai_summary_facts FROM clients WHERE id = ?")
      .bind(acme)
      .first<{ ai_summary_facts: string }>();
    expect(JSON.parse(stored!.ai_summary_facts)).toEqual(written.written_from);
    // Unchanged facts: the stored text is served as it is.
    const same = await (
      await asUser(JANE, `/clients/${acme}/summary`)
    ).json<{ summary: string; rewritten_because: string[] | null }>();
    expect(same).toMatchObject({ summary: written.summary, rewritten_because: null });

    // A call with Sarah moves last contact (and relationship, health): the API answer is rewritten.
    const call = {
      activity_type: "CALL",
      subject: "Renewal check-in with Sarah Chen",
      occurred_at: justNow(),
      duration_minutes: 30,
      client_contacts: [sarah],
      outcome: "SUCCESSFUL_ENGAGEMENT",
      description:
        "Walked through the usage drop and the renewal timeline; Sarah will bring the investigators back next week.",
    };
    expect((await asUser(JANE, `/clients/${acme}/activities`, json("POST", call))).status).toBe(201);
    const afterCall = await header();
    const api = await (
      await asUser(JANE, `/clients/${acme}/summary`)
    ).json<{ summary: string; provider: string; rewritten_because: string[] }>();
    agrees(api.summary, afterCall, 0);
    expect(api.provider).toBe("local");
    expect(api.rewritten_because).toContain("last contact 45 days ago → 0 days ago");
    expect(api.summary).not.toContain("Acme Corporation: "); // alerts are cited without repeating the client's name
    if (afterCall.score !== before.score)
      expect(api.rewritten_because).toContain(`health ${before.score} → ${afterCall.score}`);
    const health = await (
      await asUser(JANE, `/clients/${acme}/health`)
    ).json<{ ai_analysis: string; overall_score: number }>();
    expect(health.ai_analysis).toBe(api.summary);

    // Another activity, then the client page: the panel beside the header states the header's facts.
    const qbr = {
      ...call,
      activity_type: "QBR",
      subject: "QBR with Sarah Chen",
      duration_minutes: 60,
      occurred_at: justNow(),
    };
    expect((await asUser(JANE, `/clients/${acme}/activities`, json("POST", qbr))).status).toBe(201);
    const now = await header();
    expect(now.score).toBeGreaterThan(afterCall.score);
    const html = await page();
    const panel = html.slice(html.indexOf('aria-label="AI assistant"'));
    const summary = panel
      .match(/<p class="whitespace-pre-wrap[^"]*">([^<]*)<\/p>/)![1]
      .replaceAll("&#x27;", "'")
      .replaceAll("&amp;", "&");
    agrees(summary, now, 0);
    expect(panel).toContain(
      "Rewritten automatically from the current facts because they changed since the last summary (health",
    );
    expect(panel).toContain(`from: health ${now.score} (${band(now.status)})`);
    // The header next to it shows the same score.
    expect(html).toContain(`· ${now.status === "MONITOR" ? "Monitor" : "At Risk"}`);

    // Reloading with nothing changed serves the same text, still saying why it was rewritten.
    const rewrites = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM ai_interactions WHERE client_id = ? AND kind = 'summary'")
        .bind(acme)
        .first<{ n: number }>())!.n;
    const n = await rewrites();
    const again = await page();
    const panelAgain = again.slice(again.indexOf('aria-label="AI assistant"'));
    expect(panelAgain).toContain(summary.replaceAll("&", "&amp;").replaceAll("'", "&#x27;"));
    expect(panelAgain).toContain("Rewritten automatically from the current facts");
    expect(await rewrites()).toBe(n);

    // Refreshing writes it afresh (here the local narrator again) and the note goes.
    expect(
      (
        await asUser(JANE, `${PAGE}/clients/${acme}`, {
          method: "POST",
          body: new URLSearchParams({ intent: "ai_summary" }),
        })
      ).status,
    ).toBe(302);
    const refreshed = await page();
    expect(refreshed.slice(refreshed.indexOf('aria-label="AI assistant"'))).not.toContain("Rewritten automatically");
  });
});
