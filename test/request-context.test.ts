import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";

import { createContext } from "#worker/request-context";

import { asUserDirect as asUser, JANE, PAGE } from "./helpers/http";

// Issue 21, point 1: pages and the API go through one middleware chain (worker/http-app.ts), so
// they see the same user, are refused the same way and carry the same headers; and a follow-up
// a service defers (ctx.defer) that fails is reported, never silent
// (docs/decisions/023-request-context-and-follow-ups.md).

type Line = Record<string, any>;
const lines = (spy: { mock: { calls: unknown[][] } }): Line[] =>
  spy.mock.calls.map((c) => JSON.parse(String(c[0])) as Line);
const FORMER = "former.csm@ethico.test";
const SHARED = ["x-content-type-options", "referrer-policy", "x-frame-options", "cache-control"];
const shared = (res: Response) => Object.fromEntries(SHARED.map((h) => [h, res.headers.get(h)]));
const acmeId = async () =>
  (await env.DB.prepare("SELECT id FROM clients WHERE name = 'Acme Corporation'").first<{ id: string }>())!.id;
const denials = async (email: string) =>
  (
    await env.DB.prepare(
      "SELECT resource_id FROM audit_log WHERE user_email = ? AND action = 'authenticate' AND outcome = 'DENIED' ORDER BY rowid",
    )
      .bind(email)
      .all<{ resource_id: string }>()
  ).results.map((r) => r.resource_id);

describe("one middleware chain for pages and the API", () => {
  it("a page and an API request see the same signed-in user and carry the same headers", async () => {
    const api = await asUser(JANE, "/me");
    const page = await asUser(JANE, `${PAGE}/tasks`);
    expect(api.status).toBe(200);
    expect(page.status).toBe(200);
    expect(((await api.json()) as Line).name).toBe("Jane Smith");
    expect(await page.text()).toContain("Jane Smith");
    expect(shared(page)).toEqual(shared(api));
    expect(shared(api)).toMatchObject({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "cache-control": "no-store",
    });
    // The API loads nothing; a rendered page allows its own nonce'd scripts.
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    for (const res of [api, page]) expect(res.headers.get("x-request-id")).toMatch(/^[a-f0-9]{16}$/);
  });

  it("refuses an inactive user on both, audited alike: JSON for the API, the error page for a page", async () => {
    const before = (await denials(FORMER)).length;
    const api = await asUser(FORMER, "/me");
    const page = await asUser(FORMER, `${PAGE}/tasks`);
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(page.status).toBe(403);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("No access");
    expect((await denials(FORMER)).slice(before)).toEqual(["/api/v1/client-success/me", "/tasks"]);
    expect(shared(page)).toEqual(shared(api));
  });

  it("refuses a cross-site write to either before identity, with the same headers", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const evil = { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" };
    const api = await asUser(JANE, "/views", {
      method: "POST",
      headers: { ...evil, "content-type": "application/json" },
      body: "{}",
    });
    const page = await asUser(JANE, `${PAGE}/tasks`, { method: "POST", headers: evil, body: "intent=complete&id=x" });
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ error: { code: "CROSS_SITE_REQUEST" } });
    expect(page.status).toBe(403);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(shared(page)).toEqual(shared(api));
    expect(lines(warn).map((l) => l.path)).toEqual(["/api/v1/client-success/views", "/tasks"]);
  });
});

describe("follow-ups through ctx.defer", () => {
  it("reports a failed follow-up under its label, as one error line, instead of dropping it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const exec = createExecutionContext();
    const ctx = createContext({ env, exec });
    ctx.defer(Promise.reject(new Error("queue down")), "follow-up:test");
    await waitOnExecutionContext(exec);
    expect(lines(errors)).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "Unhandled error in follow-up:test",
        error: expect.objectContaining({ message: "queue down" }),
      }),
    ]);
  });

  it("an activity logged by the API or by the page's form schedules its own follow-ups; their failure is reported, the answer unchanged", async () => {
    const acme = await acmeId();
    // The alert streams are down: the dispatch that follows the change fails after the answer.
    const down = () => {
      throw new Error("alert streams down");
    };
    const failing = { ...env, ALERT_STREAMS: { idFromName: down, get: down } as unknown as Env["ALERT_STREAMS"] };
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const newAlert = (id: string) =>
      env.DB.prepare(
        "INSERT INTO client_alerts (id, client_id, alert_type, severity, title, description, status, created_at) VALUES (?, ?, 'USAGE_DECLINE', 'MEDIUM', 'Usage down', 'Follow-up test', 'NEW', ?)",
      )
        .bind(id, acme, new Date().toISOString())
        .run();

    // Logging acknowledges the client's open alerts, which then have to reach the streams.
    await newAlert("al_followup_api");
    const body = {
      activity_type: "CALL",
      subject: "Follow-up test (API)",
      occurred_at: new Date(Date.now() - 60_000).toISOString(),
    };
    const api = await asUser(
      JANE,
      `/clients/${acme}/activities`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      failing,
    );
    expect(api.status).toBe(201);

    await newAlert("al_followup_page");
    const form = new URLSearchParams({
      intent: "log_activity",
      activity_type: "CALL",
      subject: "Follow-up test (page)",
    });
    const page = await asUser(
      JANE,
      `${PAGE}/clients/${acme}`,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form },
      failing,
    );
    expect(page.status).toBe(302);

    const reported = lines(errors).filter((l) => l.msg === "Unhandled error in follow-up:client-changed");
    expect(reported).toHaveLength(2);
    for (const l of reported) expect(l.error).toMatchObject({ message: "alert streams down" });
    // Both activities were logged and the alerts acknowledged; they stay flagged for the next dispatch.
    const flagged = await env.DB.prepare(
      "SELECT count(*) AS n FROM client_alerts WHERE id IN ('al_followup_api', 'al_followup_page') AND status = 'ACKNOWLEDGED' AND stream_pending = 1",
    ).first<{ n: number }>();
    expect(flagged!.n).toBe(2);
  });
});
