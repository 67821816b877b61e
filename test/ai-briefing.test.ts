import { describe, expect, it } from "vitest";

import { asUser, JANE, JOHN, type Json, PAGE, rows, VP } from "./helpers";

// The portfolio's AI insights and the daily briefing, and the assistant's pages without JavaScript.

describe("daily briefing", () => {
  it("lists the CSM's own clients that need attention, in attention-priority order, each with why and what to do", async () => {
    const res = await asUser(JANE, "/ai/briefing");
    expect(res.status).toBe(200);
    const b = await res.json<Json>();
    expect(b).toMatchObject({
      csm: "Jane Smith",
      provider: "local",
      interaction_id: expect.any(String),
      email: { subject: expect.stringContaining(b.date) },
    });
    expect(b.items.length).toBeGreaterThan(0);
    const db = await rows(
      "SELECT id, csm_user_id, attention_priority FROM clients WHERE id IN (SELECT value FROM json_each(?))",
      JSON.stringify(b.items.map((i: Json) => i.client_id)),
    );
    for (const r of db) expect(r.csm_user_id).toBe("usr_jane_smith");
    const priority = b.items.map((i: Json) => db.find((r) => r.id === i.client_id)!.attention_priority);
    expect(priority).toEqual([...priority].sort((x, y) => y - x));
    for (const i of b.items) {
      expect(i.why.length).toBeGreaterThan(0);
      expect(i.action).toMatchObject({
        action: expect.any(String),
        priority: expect.stringMatching(/high|medium|low/),
      });
      expect(b.email.text).toContain(`/clients/${i.client_id}`);
    }
    expect(b.email.text).toContain(b.intro);
  });

  it("lets a VP read a CSM's briefing, keeps CSMs to their own, and refuses bad parameters", async () => {
    const vp = await (await asUser(VP, "/ai/briefing?csm_id=usr_jane_smith&limit=3")).json<Json>();
    expect(vp.csm).toBe("Jane Smith");
    expect(vp.items.length).toBeLessThanOrEqual(3);
    expect((await asUser(JOHN, "/ai/briefing?csm_id=usr_jane_smith")).status).toBe(403);
    expect((await asUser(VP, "/ai/briefing?csm_id=usr_nobody")).status).toBe(404);
    const bad = await asUser(VP, "/ai/briefing?limit=500&x=1");
    expect(bad.status).toBe(400);
    expect((await bad.json<Json>()).error.details.map((d: Json) => d.field).sort()).toEqual(["limit", "x"]);
  });
});

describe("AI pages", () => {
  const page = async (email: string, path: string, init: RequestInit = {}) => {
    const res = await asUser(email, `${PAGE}${path}`, init);
    return { res, html: (await res.text()).replaceAll("<!-- -->", "") };
  };

  // Text as React writes it into HTML (a client named "Smith & Sons" is "Smith &amp; Sons").
  const asHtml = (t: string) =>
    t
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#x27;");

  it("shows the insights on the portfolio and the briefing as a page", async () => {
    const api = await (await asUser(JANE, "/ai/briefing?limit=5")).json<Json>();
    const { html } = await page(JANE, "/");
    expect(html).toContain("AI insights");
    expect(html).toContain(asHtml(api.headline));
    for (const i of api.items) expect(html).toContain(`/clients/${i.client_id}`);
    const briefing = await page(JANE, "/briefing");
    expect(briefing.res.status).toBe(200);
    expect(briefing.html).toContain("Ready for email");
    // The briefing page lists the default number of items, as the API does without a limit.
    const full = await (await asUser(JANE, "/ai/briefing")).json<Json>();
    expect(briefing.html).toContain(asHtml(full.email.subject));
  });

  it("chats without JavaScript: the form posts, and the conversation page shows the answer", async () => {
    const body = new URLSearchParams({ intent: "chat", message: "show me at-risk clients" });
    const res = await asUser(JANE, `${PAGE}/assistant`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/assistant\?c=/);
    const { html } = await page(JANE, location);
    expect(html).toContain("show me at-risk clients");
    expect(html).toMatch(/At risk or Critical, everything you can see: \d+ clients?\./);
    // Another user cannot open it.
    expect((await page(JOHN, location)).res.status).toBe(404);
  });
});
