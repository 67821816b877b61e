import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { SignJWT } from "jose";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import worker from "#worker/index";
import { createAccessVerifier } from "#worker/services/access-jwt";

import { accessToken, AUD, b64url, makeKey, TEAM, type TestKey } from "./helpers/access-keys";

// Production identity: Cloudflare Access only. The Worker runs with a production configuration
// (LOCAL_DEV_MODE off, Access team and AUD set) and fetches its JWKS from the "team", which
// here is a fetch stub serving the test's own keys.

let key: TestKey;
let otherKey: TestKey;
let certsFetches = 0;

beforeAll(async () => {
  key = await makeKey("kid-current");
  otherKey = await makeKey("kid-current"); // same kid, different key: a forged signature
});

beforeEach(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url === `${TEAM}/cdn-cgi/access/certs`) {
      certsFetches++;
      return Response.json({ keys: [key.jwk], public_cert: { kid: key.kid, cert: "" }, public_certs: [] });
    }
    throw new Error(`unexpected fetch ${url}`);
  });
});

const production = { ...env, LOCAL_DEV_MODE: "false", ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };

// A request as the runtime hands it to the Worker (typed with incoming cf properties).
type IncomingRequest = Parameters<typeof worker.fetch>[0];

async function call(
  headers: Record<string, string>,
  e: Env = production,
  path = "/api/v1/client-success/clients?limit=1",
) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://csd.example.com${path}`, { headers }) as IncomingRequest, e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function errorCode(res: Response) {
  return (await res.json<{ error: { code: string; message: string } }>()).error;
}

describe("Cloudflare Access in production", () => {
  it("accepts a valid token of an active user", async () => {
    const res = await call({ "cf-access-jwt-assertion": await accessToken(key) });
    expect(res.status).toBe(200);
    const me = await call(
      { "cf-access-jwt-assertion": await accessToken(key, { email: "Jane.Smith@ethico.test" }) },
      production,
      "/api/v1/client-success/me",
    );
    expect(await me.json()).toMatchObject({ email: "jane.smith@ethico.test", role: "CSM" });
    // One JWKS fetch serves both requests.
    expect(certsFetches).toBe(1);
  });

  it("answers 401 without a token", async () => {
    const res = await call({});
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it.each([
    ["an expired token", { expiresIn: -120 }, "expired"],
    ["a token for another application", { aud: ["0".repeat(64)] }, "aud"],
    ["a token from another team", { iss: "https://intruder.cloudflareaccess.com" }, "iss"],
    ["a token that is not yet valid", { notBeforeIn: 600 }, "nbf"],
  ])("answers 401 to %s", async (_label, options, hint) => {
    const res = await call({ "cf-access-jwt-assertion": await accessToken(key, options) });
    expect(res.status).toBe(401);
    expect((await errorCode(res)).message).toContain(hint);
  });

  it("answers 401 to a forged signature, alg none and a wrong algorithm", async () => {
    const forged = await accessToken(key, { key: otherKey });
    expect((await call({ "cf-access-jwt-assertion": forged })).status).toBe(401);
    const payload = {
      email: "vp-cs@ethico.test",
      aud: [AUD],
      iss: TEAM,
      exp: Math.floor(Date.now() / 1000) + 60,
      iat: Math.floor(Date.now() / 1000),
    };
    const none = `${b64url({ alg: "none", kid: key.kid })}.${b64url(payload)}.`;
    expect((await call({ "cf-access-jwt-assertion": none })).status).toBe(401);
    const hs = `${b64url({ alg: "HS256", kid: key.kid })}.${b64url(payload)}.c2lnbmF0dXJl`;
    expect((await call({ "cf-access-jwt-assertion": hs })).status).toBe(401);
    expect((await call({ "cf-access-jwt-assertion": "not.a.jwt" })).status).toBe(401);
    expect((await call({ "cf-access-jwt-assertion": "x".repeat(10_000) })).status).toBe(401);
  });

  it("answers 401 to HS256 signed with the public key (algorithm confusion) and an unknown kid", async () => {
    // The classic confusion attack: the RSA public key, which anyone can fetch, used as an HMAC secret.
    for (const secret of [JSON.stringify(key.jwk), String(key.jwk.n)]) {
      const confused = await new SignJWT({ email: "vp-cs@ethico.test" })
        .setProtectedHeader({ alg: "HS256", kid: key.kid, typ: "JWT" })
        .setIssuer(TEAM)
        .setAudience([AUD])
        .setIssuedAt()
        .setExpirationTime("1m")
        .sign(new TextEncoder().encode(secret));
      expect((await call({ "cf-access-jwt-assertion": confused })).status).toBe(401);
    }
    expect(
      (await call({ "cf-access-jwt-assertion": await accessToken(key, { kid: "kid-nobody-knows" }) })).status,
    ).toBe(401);
  });

  it("answers 401 or 403, never 500, to oversized headers, and a valid token still works beside them", async () => {
    const huge = "a".repeat(60_000);
    expect((await call({ "cf-access-jwt-assertion": `${huge}.${huge}.${huge}` })).status).toBe(401);
    expect((await call({ "x-dev-user": `${huge}@ethico.test` })).status).toBe(401);
    const big = await call({
      "cf-access-jwt-assertion": await accessToken(key),
      cookie: `junk=${huge}`,
      "x-padding": huge,
    });
    expect(big.status).toBe(200);
    const unicode = await call({
      "cf-access-jwt-assertion": await accessToken(key, { email: `${"é".repeat(300)}@ethico.test` }),
    });
    expect(unicode.status).toBe(403);
  });

  it("answers 403 to a valid token of an unknown or inactive user", async () => {
    for (const email of ["stranger@ethico.test", "former.csm@ethico.test"]) {
      const res = await call({ "cf-access-jwt-assertion": await accessToken(key, { email }) });
      expect(res.status).toBe(403);
    }
  });

  it("ignores the development identity header entirely", async () => {
    const res = await call({ "x-dev-user": "vp-cs@ethico.test", cookie: "dev_user=vp-cs%40ethico.test" });
    expect(res.status).toBe(401);
    const page = await call({ "x-dev-user": "vp-cs@ethico.test" }, production, "/");
    expect(page.status).toBe(401);
    expect(page.headers.get("content-type")).toContain("text/html");
  });

  it("refuses everything when Access is not configured and local mode is off", async () => {
    const bare = { ...env, LOCAL_DEV_MODE: "false", ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" };
    const res = await call(
      { "x-dev-user": "vp-cs@ethico.test", "cf-access-jwt-assertion": await accessToken(key) },
      bare,
    );
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toMatchObject({ code: "ACCESS_NOT_CONFIGURED" });
    expect((await call({}, { ...env, LOCAL_DEV_MODE: "TRUE", ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" })).status).toBe(
      401,
    );
  });
});

describe("Access signing keys", () => {
  it("caches the JWKS, refetches on a rotated key, and does not refetch for every unknown kid", async () => {
    let now = 1_800_000_000_000;
    let current = await makeKey("kid-a");
    let fetches = 0;
    const verify = createAccessVerifier(
      { teamDomain: TEAM, aud: AUD },
      async () => {
        fetches++;
        return { keys: [current.jwk] };
      },
      () => now,
    );
    const sign = (k: TestKey, kid?: string) => accessToken(k, { kid });
    // jose checks exp against our clock: keep the clock near real time for signing.
    now = Date.now();
    await verify(await sign(current));
    await verify(await sign(current));
    expect(fetches).toBe(1);
    await expect(verify(await sign(current, "kid-random"))).rejects.toThrow();
    expect(fetches).toBe(1); // within 30 s of the last fetch: no refetch for an unknown kid
    const rotated = await makeKey("kid-b");
    current = rotated;
    now += 31_000;
    await expect(verify(await accessToken(rotated, { expiresIn: 120 }))).resolves.toMatchObject({
      email: "vp-cs@ethico.test",
    });
    expect(fetches).toBe(2);
  });
});
