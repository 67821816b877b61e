import { env } from "cloudflare:test";
import * as build from "remix-server-build";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createApi } from "#worker/api/app";

import { asUserDirect as asUser, JANE, type Json, json, PAGE } from "./helpers";
import { changeCounters, installWriteCounter, makeFixture, quietBackground } from "./helpers/access-fixture";
import { API_POLICIES, expected, type Fixture, PAGE_POLICIES, type RoleName, ROLES } from "./helpers/access-policies";

// The access matrix (issue 8, part 1): every API route and every page route, enumerated from the
// Hono router and the Remix build, called as every role. A route without an entry in
// test/helpers/access-policies.ts fails here, so no route ships without a decided policy
// (docs/permissions.md is the same table for people). A refused call changes nothing but the
// audit trail, where it is recorded: test-only triggers count every other write.

function apiRoutes(): string[] {
  const seen = new Set<string>();
  for (const r of createApi().routes) if (r.method !== "ALL") seen.add(`${r.method} ${r.path}`);
  return [...seen];
}

// The Remix server build's route table and its manifest (which routes have a loader or action).
type ServerBuild = {
  routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean }>;
  assets: { routes: Record<string, { hasLoader: boolean; hasAction: boolean }> };
};

function pageRoutes(): string[] {
  const { routes, assets } = build as unknown as ServerBuild;
  const manifest = assets.routes;
  const fullPath = (id: string): string => {
    const r = routes[id];
    const own = r.path ?? "";
    return r.parentId ? `${fullPath(r.parentId).replace(/\/$/, "")}/${own}` : `/${own}`;
  };
  const out: string[] = [];
  for (const id of Object.keys(routes)) {
    if (id === "root") continue; // the layout: its loader runs with every page below
    const path = fullPath(id).replace(/\/$/, "") || "/";
    if (manifest[id].hasLoader) out.push(`GET ${path}`);
    if (manifest[id].hasAction) out.push(`POST ${path}`);
  }
  return out;
}

let fx: Fixture;

beforeAll(async () => {
  fx = await makeFixture();
  await installWriteCounter();
});

// Allowed calls queue work whose consumers would write while a later refusal is measured.
beforeEach(quietBackground);

// No identity is only meaningful against the production configuration (local mode defaults to a
// dev user), where Access is required and the dev header would be ignored anyway.
const production = {
  ...env,
  LOCAL_DEV_MODE: "false",
  ACCESS_TEAM_DOMAIN: "https://ethico-test.cloudflareaccess.com",
  ACCESS_AUD: "matrix",
};

function call(role: RoleName, method: string, url: string, init: RequestInit): Promise<Response> {
  return role === "none"
    ? asUser(null, url, { ...init, method }, production)
    : asUser(ROLES[role], url, { ...init, method });
}

describe("the access matrix covers every route", () => {
  it("has a policy for every API route and no policy for a route that does not exist", () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(70);
    expect(
      routes.filter((r) => !API_POLICIES[r]),
      "API routes without an access policy",
    ).toEqual([]);
    expect(
      Object.keys(API_POLICIES).filter((r) => !routes.includes(r)),
      "policies for routes that do not exist",
    ).toEqual([]);
  });

  it("has a policy for every page route and no policy for a page that does not exist", () => {
    const routes = pageRoutes();
    expect(routes.length).toBeGreaterThan(15);
    expect(
      routes.filter((r) => !PAGE_POLICIES[r]),
      "page routes without an access policy",
    ).toEqual([]);
    expect(
      Object.keys(PAGE_POLICIES).filter((r) => !routes.includes(r)),
      "policies for pages that do not exist",
    ).toEqual([]);
  });
});

const everyRoute = [
  ...Object.entries(API_POLICIES).map(([k, p]) => ({ key: k, p, page: false })),
  ...Object.entries(PAGE_POLICIES).map(([k, p]) => ({ key: k, p, page: true })),
];

describe.each(everyRoute)("$key", ({ key, p, page }) => {
  it.each(Object.keys(ROLES) as RoleName[])("as %s", async (role) => {
    const [method] = key.split(" ");
    const req = await p.request(fx);
    const want = expected(p.policy, role, fx);
    const before = await changeCounters();
    const res = await call(role, method, page ? `${PAGE}${req.path}` : req.path, req.init ?? {});
    const after = await changeCounters();
    const body = await res.text();
    if (want === "allow") {
      expect([401, 403, 404], `${key} as ${role}: ${res.status} ${body.slice(0, 200)}`).not.toContain(res.status);
      expect(res.status, `${key} as ${role}: ${body.slice(0, 200)}`).toBeLessThan(500);
      return;
    }
    expect(res.status, `${key} as ${role}: ${body.slice(0, 200)}`).toBe(want);
    if (!page)
      expect(JSON.parse(body).error.code).toBe(
        want === 401 ? "UNAUTHENTICATED" : want === 403 ? "FORBIDDEN" : "NOT_FOUND",
      );
    // A refusal writes nothing but its audit rows (and a user route always writes one).
    expect(after.writes - before.writes, `${key} as ${role} was refused but wrote to ${after.tables.join(", ")}`).toBe(
      0,
    );
    if (p.policy !== "service" && p.policy !== "no_page")
      expect(after.audit - before.audit, `${key} as ${role}: the refusal is not audited`).toBeGreaterThan(0);
  });
});

describe("private notes", () => {
  it("are visible and changeable by their author only: VPs and admins included, everyone else gets 404", async () => {
    const note = (await (
      await asUser(
        JANE,
        `/clients/${fx.clientId}/notes`,
        json("POST", { content: "Private: exec sponsor leaving", note_type: "RISK", is_private: true }),
      )
    ).json()) as Json;
    for (const role of ["vp_cs", "vp_sales", "admin"] as RoleName[]) {
      const list = (await (await asUser(ROLES[role]!, `/clients/${fx.clientId}/notes`)).json()) as Json;
      expect(
        list.data.map((n: Json) => n.id),
        role,
      ).not.toContain(note.id);
      expect((await asUser(ROLES[role]!, `/notes/${note.id}`, json("PUT", { content: "changed" }))).status, role).toBe(
        404,
      );
      expect((await asUser(ROLES[role]!, `/notes/${note.id}`, { method: "DELETE" })).status, role).toBe(404);
    }
    const mine = (await (await asUser(JANE, `/clients/${fx.clientId}/notes`)).json()) as Json;
    expect(mine.data.find((n: Json) => n.id === note.id)).toMatchObject({
      content: "Private: exec sponsor leaving",
      is_private: true,
    });
  });
});
