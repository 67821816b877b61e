import { env, SELF } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { acmeId, ADMIN, API, asUser, asUserDirect, JANE, PAGE, VP } from "./helpers";
import { accessToken, AUD, makeKey, TEAM, type TestKey } from "./helpers/access-keys";

// Request hygiene (issue 20, point 4): CSRF defence on every write (Origin / Sec-Fetch-Site and
// the body's Content-Type, before identity), JSON bodies that must be objects, limits counted
// in bytes, and no-store / HSTS on everything the Worker answers.

const count = async (sql: string, ...b: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...b)
    .first<{ n: number }>())!.n;
const views = () => count("SELECT count(*) AS n FROM saved_views");
const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("cross-site writes", () => {
  it("refuses a cross-site text/plain POST in local mode, signed in by cookie or header, and writes nothing", async () => {
    const before = await views();
    const body = JSON.stringify({ name: "CSRF view", query: { sort: "name" } });
    for (const identity of [{ cookie: `dev_user=${encodeURIComponent(VP)}` }, { "x-dev-user": VP }] as Record<
      string,
      string
    >[]) {
      const res = await SELF.fetch(`${API}/views`, {
        method: "POST",
        headers: { ...evil, ...identity, "content-type": "text/plain" },
        body,
      });
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    }
    // The browser's own signal alone (an older Origin-less form post) is enough to refuse.
    const fetchSite = await SELF.fetch(`${API}/views`, {
      method: "POST",
      headers: {
        "sec-fetch-site": "cross-site",
        cookie: `dev_user=${encodeURIComponent(VP)}`,
        "content-type": "application/json",
      },
      body,
    });
    expect(fetchSite.status).toBe(403);
    const sameSite = await SELF.fetch(`${API}/views`, {
      method: "POST",
      headers: { origin: "https://other.csd.localhost", "x-dev-user": VP, "content-type": "application/json" },
      body,
    });
    expect(sameSite.status).toBe(403);
    expect(await views()).toBe(before);
  });

  it("refuses text/plain and untyped bodies even from this origin or from no browser at all (415)", async () => {
    const before = await views();
    const body = JSON.stringify({ name: "Plain view", query: { sort: "name" } });
    const plain = await asUser(JANE, "/views", { method: "POST", headers: { "content-type": "text/plain" }, body });
    expect(plain.status).toBe(415);
    expect(await errorOf(plain)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    const curlLike = await SELF.fetch(`${API}/views`, {
      method: "POST",
      headers: { "x-dev-user": JANE, "content-type": "text/plain;charset=UTF-8" },
      body,
    });
    expect(curlLike.status).toBe(415);
    const untyped = await SELF.fetch(`${API}/views`, {
      method: "POST",
      headers: { "x-dev-user": JANE },
      body: new TextEncoder().encode(body),
    });
    expect(untyped.status).toBe(415);
    const formToApi = await asUser(JANE, "/views", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=x",
    });
    expect(formToApi.status).toBe(415);
    expect(await views()).toBe(before);
  });

  it("lets a same-origin JSON write through, and one with neither Origin nor Sec-Fetch-Site (curl, a server) under the normal identity rules", async () => {
    const same = await asUser(JANE, "/views", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `Same ${crypto.randomUUID().slice(0, 6)}`, query: { sort: "name" } }),
    });
    expect(same.status).toBe(201);
    const server = await SELF.fetch(`${API}/views`, {
      method: "POST",
      headers: { "x-dev-user": JANE, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: `Curl ${crypto.randomUUID().slice(0, 6)}`, query: { sort: "name" } }),
    });
    expect(server.status).toBe(201);
    // A body-less write needs no Content-Type.
    const alert = await env.DB.prepare(
      "SELECT a.id FROM client_alerts a JOIN clients c ON c.id = a.client_id WHERE c.csm_user_id = 'usr_jane_smith' AND a.status = 'NEW' LIMIT 1",
    ).first<{ id: string }>();
    if (alert) expect((await asUser(JANE, `/alerts/${alert.id}/acknowledge`, { method: "PUT" })).status).toBe(200);
  });

  it("refuses a cross-site form post to a page (a Remix action) with a 403 page, and a same-origin one works", async () => {
    const notes = () => count("SELECT count(*) AS n FROM client_notes WHERE content = 'CSRF note'");
    const acme = await acmeId();
    const form = new URLSearchParams({ intent: "add_note", content: "CSRF note", note_type: "GENERAL" });
    const res = await SELF.fetch(`${PAGE}/clients/${acme}`, {
      method: "POST",
      headers: {
        ...evil,
        cookie: `dev_user=${encodeURIComponent(JANE)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form,
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/html");
    const plain = await asUser(JANE, `${PAGE}/clients/${acme}`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: form.toString(),
    });
    expect(plain.status).toBe(415);
    expect(await notes()).toBe(0);
    const ok = await asUser(JANE, `${PAGE}/clients/${acme}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(ok.status).toBeLessThan(400);
    expect(await notes()).toBe(1);
  });

  it("leaves CRM webhooks to their signature check (no Origin rule)", async () => {
    const res = await SELF.fetch("https://csd.localhost/webhooks/hubspot", {
      method: "POST",
      headers: { ...evil, "content-type": "application/json" },
      body: "[]",
    });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("cross-site writes under Cloudflare Access", () => {
  let key: TestKey;
  beforeAll(async () => {
    key = await makeKey("kid-hygiene");
  });
  beforeEach(() => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url === `${TEAM}/cdn-cgi/access/certs`)
        return Response.json({ keys: [key.jwk], public_cert: { kid: key.kid, cert: "" }, public_certs: [] });
      throw new Error(`unexpected fetch ${url}`);
    });
  });
  const production = { ...env, LOCAL_DEV_MODE: "false", ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD } as Env;

  it("refuses a cross-site text/plain POST carrying a valid Access token, and accepts the same-origin JSON one", async () => {
    const before = await views();
    const token = await accessToken(key, { email: JANE });
    const body = JSON.stringify({ name: `Access ${crypto.randomUUID().slice(0, 6)}`, query: { sort: "name" } });
    const url = "https://csd.example.com/api/v1/client-success/views";
    const cross = await asUserDirect(
      null,
      url,
      { method: "POST", headers: { ...evil, "cf-access-jwt-assertion": token, "content-type": "text/plain" }, body },
      production,
    );
    expect(cross.status).toBe(403);
    expect(await views()).toBe(before);
    const same = await asUserDirect(
      null,
      url,
      { method: "POST", headers: { "cf-access-jwt-assertion": token, "content-type": "application/json" }, body },
      production,
    );
    expect(same.status).toBe(201);
    expect(same.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});

describe("JSON bodies", () => {
  it("refuses [] and other non-objects where an object is expected, and changes nothing", async () => {
    const config = (await env.DB.prepare("SELECT id FROM health_score_configs WHERE is_default AND is_active").first<{
      id: string;
    }>())!.id;
    const versions = () => count("SELECT count(*) AS n FROM health_score_configs");
    const beforeConfigs = await versions();
    const beforeViews = await views();
    for (const body of ["[]", "[{}]", '"text"', "42", "null", "true"]) {
      const put = await asUser(ADMIN, `/config/health-score/${config}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(put.status, body).toBe(400);
      expect(await errorOf(put)).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("JSON object"),
      });
      expect(
        (await asUser(JANE, "/views", { method: "POST", headers: { "content-type": "application/json" }, body }))
          .status,
        body,
      ).toBe(400);
    }
    expect(await versions()).toBe(beforeConfigs);
    expect(await views()).toBe(beforeViews);
  });

  it("counts limits in bytes: multibyte text under the limit in characters but over it in bytes is a 413", async () => {
    const view = (name: string) => JSON.stringify({ name, query: { sort: "name" } });
    // POST /views takes 8,192 bytes. 3,000 é: 3,000 characters, 6,000 bytes: read (then refused for its length).
    const under = await asUser(JANE, "/views", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: view("é".repeat(3000)),
    });
    expect(under.status).toBe(400);
    expect(await errorOf(under)).not.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    // 4,500 é: 4,500 characters (under 8,192), 9,000 bytes (over).
    const over = await asUser(JANE, "/views", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: view("é".repeat(4500)),
    });
    expect(over.status).toBe(413);
    expect(await errorOf(over)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    // Every API route: nothing over 1 MiB is read (600,000 characters of "€" are 1.8 MB).
    const huge = await asUser(JANE, "/ai/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "€".repeat(600_000) }),
    });
    expect(huge.status).toBe(413);
    // An emoji counts 4 bytes: 2,100 of them (4,200 UTF-16 units, 8,400 bytes) are over 8,192.
    expect(
      (
        await asUser(JANE, "/views", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: view("😀".repeat(2100)),
        })
      ).status,
    ).toBe(413);
  });
});

describe("caching and transport headers", () => {
  it("marks JSON, CSV and pages no-store, and pins HTTPS", async () => {
    const json = await asUser(JANE, "/clients?limit=1");
    const csv = await asUser(VP, "/audit?format=csv");
    const page = await asUser(JANE, `${PAGE}/`);
    const refused = await asUser("nobody@ethico.test", "/clients");
    for (const [what, res] of [
      ["json", json],
      ["csv", csv],
      ["page", page],
      ["refusal", refused],
    ] as const) {
      expect(res.headers.get("cache-control"), what).toBe("no-store");
      expect(res.headers.get("strict-transport-security"), what).toBe("max-age=63072000; includeSubDomains");
      await res.arrayBuffer();
    }
    expect(csv.headers.get("content-type")).toContain("text/csv");
  });

  it("sends no HSTS over plain HTTP (local development)", async () => {
    const res = await SELF.fetch("http://localhost/api/v1/client-success/me", { headers: { "x-dev-user": JANE } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});
