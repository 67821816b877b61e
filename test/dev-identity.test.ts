import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { isLoopbackHost } from "#worker/services/identity";

import { API, asUser, form, JANE, JOHN, PAGE } from "./helpers";

// Development identity that cannot leak (issue 20, point 5): only with LOCAL_DEV_MODE on and a
// loopback host; no identity is a sign-in choice, never a default user; no open redirect.

describe("development identity", () => {
  it("knows the loopback names", () => {
    for (const h of [
      "localhost",
      "LOCALHOST",
      "csd.localhost",
      "127.0.0.1",
      "127.8.9.10",
      "[::1]",
      "::1",
      "localhost.",
    ])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      "csd.test",
      "example.com",
      "localhost.evil.example",
      "127.0.0.1.nip.io",
      "10.0.0.5",
      "192.168.1.20",
      "0.0.0.0",
      "[::ffff:7f00:1]",
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it("is refused from a non-loopback Host, by header or cookie, for the API and pages", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM saved_views").first<{ n: number }>())!.n;
    for (const host of ["https://csd.test", "http://192.168.1.20:8787", "http://attacker.example"]) {
      const api = await SELF.fetch(`${host}/api/v1/client-success/me`, { headers: { "x-dev-user": JANE } });
      expect(api.status, host).toBe(401);
      expect(((await api.json()) as { error: { message: string } }).error.message).toContain("loopback");
      const page = await SELF.fetch(`${host}/`, { headers: { cookie: `dev_user=${encodeURIComponent(JANE)}` } });
      expect(page.status, host).toBe(401);
      const html = await page.text();
      expect(html).toContain("Sign-in required");
      expect(html).not.toContain("Jane Smith");
      // No sign-in choice there either: /dev/user does not exist off loopback.
      expect((await SELF.fetch(`${host}/dev/user`)).status, host).toBe(404);
      const post = await SELF.fetch(`${host}/dev/user`, {
        ...form({ email: JANE, redirect_to: "/" }),
        redirect: "manual",
      });
      expect(post.status, host).toBe(404);
      expect(post.headers.get("set-cookie")).toBeNull();
      const write = await SELF.fetch(`${host}/api/v1/client-success/views`, {
        method: "POST",
        headers: { "x-dev-user": JANE, "content-type": "application/json" },
        body: JSON.stringify({ name: "Off loopback", query: {} }),
      });
      expect(write.status, host).toBe(401);
    }
    expect((await env.DB.prepare("SELECT count(*) AS n FROM saved_views").first<{ n: number }>())!.n).toBe(before);
  });

  it("with no identity, the API answers 401 and a page shows the sign-in choice of seeded users, not the VP", async () => {
    const api = await SELF.fetch(`${API}/me`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const page = await SELF.fetch(`${PAGE}/clients?x=1`, { redirect: "manual" });
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain("Sign in (local development)");
    expect(html).not.toContain("Portfolio");
    const users = (await env.DB.prepare("SELECT email FROM ethico_users WHERE is_active = 1").all<{ email: string }>())
      .results;
    for (const u of users) expect(html).toContain(`name="email" value="${u.email}"`);
    expect(html).not.toContain("former.csm@ethico.test");
    // Each choice comes back to the page asked for.
    expect(html).toContain('name="redirect_to" value="/clients?x=1"');
    expect(page.headers.get("cache-control")).toBe("no-store");
    // GET /dev/user shows the same choice.
    const choice = await SELF.fetch(`${PAGE}/dev/user?redirect_to=%2Falerts`);
    expect(choice.status).toBe(200);
    expect(await choice.text()).toContain('name="redirect_to" value="/alerts"');
  });

  it("signs in as the chosen seeded user with a same-origin form, and refuses anyone else", async () => {
    const res = await asUser(null, `${PAGE}/dev/user`, form({ email: JOHN, redirect_to: "/?sort=name" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/?sort=name");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^dev_user=john\.doe%40ethico\.test; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await SELF.fetch(`${API}/me`, { headers: { cookie: cookie.split(";")[0] } });
    expect(((await me.json()) as { email: string }).email).toBe(JOHN);
    for (const email of ["nobody@example.com", "former.csm@ethico.test", ""]) {
      const bad = await asUser(null, `${PAGE}/dev/user`, form({ email, redirect_to: "/" }));
      expect(bad.status, email).toBe(400);
      expect(bad.headers.get("set-cookie")).toBeNull();
    }
    // Login CSRF: another site cannot sign a developer in as someone.
    const cross = await SELF.fetch(`${PAGE}/dev/user`, {
      ...form({ email: JOHN, redirect_to: "/" }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(cross.status).toBe(403);
    expect(cross.headers.get("set-cookie")).toBeNull();
  });

  it.each([
    "/\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "https://evil.example/",
    "/\t/evil.example",
    "javascript:alert(1)",
    "evil.example",
  ])("does not redirect to %j", async (target) => {
    const res = await asUser(null, `${PAGE}/dev/user`, form({ email: JANE, redirect_to: target }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });
});
