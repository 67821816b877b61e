import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { acmeId, asUser, form, JANE, JOHN, PAGE, VP } from "./helpers";

async function page(email: string | null, path: string, init: RequestInit = {}) {
  const res = await asUser(email, `${PAGE}${path}`, init);
  // React's text separators (<!-- -->) removed, so assertions read as the page does.
  return { res, html: (await res.text()).replaceAll("<!-- -->", "") };
}

describe("server-rendered pages", () => {
  it("portfolio lists the CSM's own clients, needs-attention first", async () => {
    const { res, html } = await page(JANE, "/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("Acme Corporation");
    const johns = await env.DB.prepare(
      "SELECT name FROM clients WHERE csm_user_id = 'usr_john_doe' AND account_status = 'ACTIVE'",
    ).all<{ name: string }>();
    for (const { name } of johns.results) expect(html).not.toContain(`>${name}<`);
    expect(html).toMatch(/<form[^>]*method="get"/i); // filters work as a plain GET form
  });

  it("applies filters from the URL and shows bad input as a 400 with the reason", async () => {
    const { html } = await page(VP, "/?search=beta");
    // The list (the AI insights below it cover the whole portfolio, whatever the filters).
    const list = html.split("AI insights")[0];
    expect(list).toContain("Beta Industries");
    expect(list).not.toContain("Acme Corporation");
    const bad = await page(VP, "/?limit=abc");
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain("must be a whole number");
  });

  it("client page shows the header facts, contacts and history; another CSM gets 404", async () => {
    const acme = await env.DB.prepare("SELECT id FROM clients WHERE name = 'Acme Corporation'").first<{ id: string }>();
    const { res, html } = await page(JANE, `/clients/${acme!.id}`);
    expect(res.status).toBe(200);
    for (const text of [
      "Acme Corporation",
      "Enterprise",
      "Manufacturing",
      "5,000",
      "Chicago",
      "$120,000",
      "Sarah Chen",
      "Chief Compliance Officer",
      "Jane Smith",
    ]) {
      expect(html).toContain(text);
    }
    // The nivo health chart, drawn on the server: the score line, the tier line and a link per day.
    expect(html).toMatch(/<figure class="chart[^"]*" aria-label="Health score over 90 days/);
    expect(html).toContain("Enterprise avg");
    expect(html.match(/href="\?tab=overview&amp;day=\d{4}-\d{2}-\d{2}#day-breakdown"/g)?.length).toBeGreaterThan(60);
    expect(html).toMatch(/vs Enterprise avg: <strong>\d+<\/strong>/);
    const john = await page(JOHN, `/clients/${acme!.id}`);
    expect(john.res.status).toBe(404);
    expect(john.html).not.toContain("Sarah Chen");
  });

  it("refuses unknown users with a 403 page", async () => {
    const { res, html } = await page("nobody@ethico.test", "/");
    expect(res.status).toBe(403);
    expect(html).toContain("No access");
  });

  it("switches the local user with the header form and a cookie", async () => {
    const form = new URLSearchParams({ email: JOHN, redirect_to: "/?sort=name" });
    const { res } = await page(null, "/dev/user", {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/?sort=name");
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const after = await page(null, "/", { headers: { cookie } });
    expect(after.html).toMatch(/<option[^>]*value="john.doe@ethico.test"[^>]*selected/);
    expect(after.html).not.toContain("Acme Corporation");
  });

  it("schedule call answers an .ics, refuses past times back to the page, and hides other CSMs' clients", async () => {
    const acme = await acmeId();
    const post = (email: string, fields: Record<string, string>) =>
      asUser(email, `${PAGE}/clients/${acme}/schedule-call`, form(fields));
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const ok = await post(JANE, {
      subject: "Renewal planning",
      start: `${tomorrow}T15:00`,
      minutes: "45",
      contact: "",
    });
    expect(ok.headers.get("content-type")).toContain("text/calendar");
    expect(ok.headers.get("content-disposition")).toContain(`call-${tomorrow}.ics`);
    expect(await ok.text()).toContain(`DTSTART:${tomorrow.replace(/-/g, "")}T150000Z`);
    const logged = await env.DB.prepare(
      "SELECT follow_up_date, follow_up_required FROM client_activities WHERE client_id = ? AND subject LIKE '%Renewal planning'",
    )
      .bind(acme)
      .first();
    expect(logged).toEqual({ follow_up_date: tomorrow, follow_up_required: 1 });
    const past = await post(JANE, { subject: "Too late", start: "2020-01-01T10:00", minutes: "30" });
    expect(past.status).toBe(302);
    expect(new URL(past.headers.get("location")!, PAGE).searchParams.get("schedule_error")).toBe(
      "the call must be in the future",
    );
    expect((await post(JOHN, { subject: "x", start: `${tomorrow}T15:00`, minutes: "30" })).status).toBe(404);
  });

  it("sets security headers on pages and API answers", async () => {
    for (const path of ["/", "/api/v1/client-success/clients"]) {
      const res = await asUser(VP, `${PAGE}${path}`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
    // A page allows only its own scripts and the inline ones carrying this response's nonce.
    const page = await asUser(VP, `${PAGE}/`);
    const csp = page.headers.get("content-security-policy")!;
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await page.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // Every page gets a new nonce; API answers load nothing at all.
    const again = (await asUser(VP, `${PAGE}/`)).headers.get("content-security-policy")!;
    expect(again).not.toBe(csp);
    expect(
      (await asUser(VP, `${PAGE}/api/v1/client-success/clients`)).headers.get("content-security-policy"),
    ).toContain("default-src 'none'");
  });

  it("overview opens a day's breakdown, benchmark and draft email render, bad input is explained", async () => {
    const acme = await env.DB.prepare("SELECT id FROM clients WHERE name = 'Acme Corporation'").first<{ id: string }>();
    const day = await env.DB.prepare(
      "SELECT date, overall_score FROM client_health_scores WHERE client_id = ? ORDER BY date DESC LIMIT 1 OFFSET 10",
    )
      .bind(acme!.id)
      .first<{ date: string; overall_score: number }>();
    const d = await page(JANE, `/clients/${acme!.id}?tab=overview&day=${day!.date}`);
    expect(d.html).toContain('id="day-breakdown"');
    expect(d.html).toMatch(new RegExp(`Breakdown on [^<]+: ${day!.overall_score}<`));
    const bad = await page(JANE, `/clients/${acme!.id}?tab=overview&day=2026-02-30`);
    expect(bad.html).toContain("must be a date like 2026-02-15");
    const b = await page(JANE, `/clients/${acme!.id}?tab=benchmark&cohort=custom&criteria=tier&criteria=industry`);
    expect(b.html).toContain("Gap analysis");
    expect(b.html).toContain("Enterprise · Manufacturing");
    expect(b.html).toMatch(/<figure class="chart[^"]*" aria-label="Radar of Acme Corporation/);
    const e = await page(JANE, `/clients/${acme!.id}?tab=overview&draft=email`);
    expect(e.html).toContain("Email draft");
    expect(e.html).toContain("Hi Sarah,");
    expect(e.html).toMatch(/href="mailto:[^"]+subject=/);
  });
});

describe("VP pages", () => {
  it("executive summary: cards, band chart, breakdowns and a CSM filter; a bad filter is a 400 page", async () => {
    const { res, html } = await page(VP, "/executive");
    expect(res.status).toBe(200);
    for (const text of [
      "Executive summary",
      "Distribution by health band",
      "By tier",
      "By industry",
      "By CSM",
      "By region",
      "Renewals in 90 days",
    ])
      expect(html).toContain(text);
    expect(html).toMatch(/<figure class="chart[^"]*" aria-label="Clients by health band: Healthy \(80\+\) \d+/);
    const jane = await page(VP, "/executive?csm_id=usr_jane_smith");
    expect(jane.html).toMatch(/Executive summary: Jane Smith(&#x27;|')s portfolio/);
    const byCsm = jane.html.slice(
      jane.html.indexOf("<caption>By CSM"),
      jane.html.indexOf("</table>", jane.html.indexOf("<caption>By CSM")),
    );
    expect(byCsm).toContain(">Jane Smith<");
    expect(byCsm).not.toContain("John Doe");
    const bad = await page(VP, "/executive?csm_id=a%20b");
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain("must be an id");
  });

  it("team page names CSMs for a VP and anonymises them for a CSM", async () => {
    expect((await page(VP, "/team")).html).toContain("John Doe");
    const jane = await page(JANE, "/team");
    // Only the scorecards: the local-mode user switcher in the header lists everyone.
    const start = jane.html.indexOf('aria-label="Scorecards"');
    const cards = jane.html.slice(start, jane.html.indexOf("</table>", start));
    expect(cards).toContain("Jane Smith (you)");
    expect(cards).toContain("CSM A");
    expect(cards).not.toContain("John Doe");
  });

  it("industry benchmarks default to the largest industry and switch by query", async () => {
    const { res, html } = await page(VP, "/benchmarks?industry=Manufacturing");
    expect(res.status).toBe(200);
    expect(html).toContain("Industry benchmarks: Manufacturing");
    expect(html).toContain("Best in class");
    expect((await page(VP, "/benchmarks?industry=Nowhere")).res.status).toBe(404);
  });
});
