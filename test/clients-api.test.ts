import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { AE, asUser, JANE, JOHN, VP } from "./helpers";
import { TEST_SEED } from "./helpers/seed-d1";

interface Summary {
  id: string;
  name: string;
  industry: string | null;
  contract_tier: string;
  annual_recurring_revenue: number | null;
  current_health_score: number | null;
  health_status: string;
  health_trend: string;
  churn_risk_score: number | null;
  next_renewal_date: string | null;
  days_to_renewal: number | null;
  last_csm_contact_at: string | null;
  csm: { id: string; name: string } | null;
  ai_risk_factors: unknown[];
  tags: string[];
}
interface Page {
  data: Summary[];
  pagination: { page: number; limit: number; total: number; pages: number };
}

async function list(email: string, query = ""): Promise<Page> {
  const res = await asUser(email, `/clients${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<Page>();
}

async function acmeId(): Promise<string> {
  const row = await env.DB.prepare("SELECT id FROM clients WHERE name = 'Acme Corporation'").first<{ id: string }>();
  return row!.id;
}

describe("GET /clients scoping", () => {
  it("gives the VP every active client, in the PRD's shape", async () => {
    const page = await list(VP, "?limit=200");
    expect(page.pagination).toEqual({ page: 1, limit: 200, total: TEST_SEED.clients, pages: 1 });
    const acme = page.data.find((c) => c.name === "Acme Corporation")!;
    expect(acme).toMatchObject({
      industry: "Manufacturing",
      contract_tier: "ENTERPRISE",
      annual_recurring_revenue: 120000,
      csm: { id: "usr_jane_smith", name: "Jane Smith" },
    });
    for (const key of [
      "id",
      "current_health_score",
      "health_status",
      "health_trend",
      "churn_risk_score",
      "next_renewal_date",
      "days_to_renewal",
      "last_csm_contact_at",
      "ai_risk_factors",
    ]) {
      expect(acme).toHaveProperty(key);
    }
    expect(acme.days_to_renewal).toBeGreaterThanOrEqual(88);
    expect(acme.days_to_renewal).toBeLessThanOrEqual(92);
  });

  it("gives a CSM only the clients assigned to them", async () => {
    const page = await list(JANE, "?limit=200");
    const expected = await env.DB.prepare(
      "SELECT count(*) AS n FROM clients WHERE csm_user_id = 'usr_jane_smith' AND account_status = 'ACTIVE'",
    ).first<{ n: number }>();
    expect(page.pagination.total).toBe(expected!.n);
    expect(page.data.every((c) => c.csm?.id === "usr_jane_smith")).toBe(true);
    expect(page.data.map((c) => c.name)).toEqual(expect.arrayContaining(["Acme Corporation", "Beta Industries"]));
    // Asking for another CSM's portfolio does not widen the scope.
    expect((await list(JANE, "?csm_id=usr_john_doe")).pagination.total).toBe(0);
  });

  it("gives an AE only their AE-assigned clients", async () => {
    const page = await list(AE, "?limit=200");
    const expected = await env.DB.prepare(
      "SELECT count(*) AS n FROM clients WHERE ae_user_id = 'usr_ae' AND account_status = 'ACTIVE'",
    ).first<{ n: number }>();
    expect(page.pagination.total).toBe(expected!.n);
    expect(page.pagination.total).toBeGreaterThan(0);
  });

  it("refuses unknown and inactive users with 403", async () => {
    for (const email of ["nobody@ethico.test", "former.csm@ethico.test"]) {
      const res = await asUser(email, "/clients");
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: { code: "FORBIDDEN", message: expect.any(String), details: null },
      });
    }
  });

  it("hides another CSM's client as 404, the same as a missing one", async () => {
    const id = await acmeId();
    const john = await asUser(JOHN, `/clients/${id}`);
    expect(john.status).toBe(404);
    const missing = await asUser(JOHN, "/clients/cli_doesnotexist");
    expect(await john.json()).toEqual(await missing.json());
    expect((await asUser(JANE, `/clients/${id}`)).status).toBe(200);
    expect((await asUser(VP, `/clients/${id}`)).status).toBe(200);
  });
});

describe("GET /clients input validation", () => {
  it.each([
    ["?limit=abc", "limit"],
    ["?limit=0", "limit"],
    ["?limit=201", "limit"],
    ["?page=-1", "page"],
    ["?health_status=BOGUS", "health_status"],
    ["?contract_tier=ENTERPRISE,GOLD", "contract_tier"],
    ["?sort=size", "sort"],
    ["?order=up", "order"],
    ["?renewal_within_days=soon", "renewal_within_days"],
    ["?colour=red", "colour"],
    ["?limit=5&limit=6", "limit"],
    [`?search=${"x".repeat(101)}`, "search"],
  ])("%s is a 400 naming %s", async (query, param) => {
    const res = await asUser(VP, `/clients${query}`);
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: string; message: string; details: { param: string }[] } }>();
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.details.map((d) => d.param)).toContain(param);
  });

  it("answers a malformed client id with 400 and an unknown route with a JSON 404", async () => {
    expect((await asUser(VP, "/clients/bad%20id")).status).toBe(400);
    const res = await asUser(VP, "/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});

describe("GET /clients filters, sorting and paging", () => {
  it("filters by health status, tier, search, tags and renewal window", async () => {
    const atRisk = await list(VP, "?health_status=AT_RISK,MONITOR&limit=200");
    const expected = await env.DB.prepare(
      "SELECT id FROM clients WHERE health_status IN ('AT_RISK','MONITOR') AND account_status = 'ACTIVE'",
    ).all<{ id: string }>();
    expect(expected.results.length).toBeGreaterThan(0);
    expect(atRisk.data.map((c) => c.id).sort()).toEqual(expected.results.map((r) => r.id).sort());

    const enterprise = await list(VP, "?contract_tier=ENTERPRISE&limit=200");
    expect(enterprise.data.length).toBeGreaterThan(0);
    expect(enterprise.data.every((c) => c.contract_tier === "ENTERPRISE")).toBe(true);

    expect((await list(VP, "?search=aCmE")).data.map((c) => c.name)).toEqual(["Acme Corporation"]);
    // Wildcards in the search text are literal, not "match everything".
    expect((await list(VP, "?search=%25")).pagination.total).toBe(0);

    const strategic = await list(VP, "?tags=strategic&limit=200");
    expect(strategic.data.every((c) => c.tags.includes("strategic"))).toBe(true);
    expect(strategic.data.some((c) => c.name === "Acme Corporation")).toBe(true);

    const soon = await list(VP, "?renewal_within_days=95&limit=200");
    expect(
      soon.data.every((c) => c.days_to_renewal !== null && c.days_to_renewal >= 0 && c.days_to_renewal <= 95),
    ).toBe(true);
    expect(soon.data.some((c) => c.name === "Acme Corporation")).toBe(true);
    expect(soon.data.some((c) => c.name === "Beta Industries")).toBe(false);
  });

  it("sorts by health, ARR, renewal and last contact, missing values last", async () => {
    const byHealth = (await list(VP, "?sort=health_score&limit=200")).data.map((c) => c.current_health_score!);
    expect(byHealth).toEqual([...byHealth].sort((a, b) => a - b));
    const byArr = (await list(VP, "?sort=arr&limit=200")).data.map((c) => c.annual_recurring_revenue!);
    expect(byArr).toEqual([...byArr].sort((a, b) => b - a));
    const byRenewal = (await list(VP, "?sort=renewal_date&order=asc&limit=200")).data.map((c) => c.next_renewal_date!);
    expect(byRenewal).toEqual([...byRenewal].sort());
    const byContact = (await list(VP, "?sort=last_contact&limit=200")).data.map((c) => c.last_csm_contact_at);
    const present = byContact.filter((v): v is string => v !== null);
    expect(byContact.slice(0, present.length)).toEqual([...present].sort());
  });

  it("pages without overlap and with a consistent total", async () => {
    const p1 = await list(VP, "?limit=5&page=1&sort=name");
    const p2 = await list(VP, "?limit=5&page=2&sort=name");
    expect(p1.pagination).toMatchObject({ total: TEST_SEED.clients, pages: Math.ceil(TEST_SEED.clients / 5) });
    expect(new Set([...p1.data, ...p2.data].map((c) => c.id)).size).toBe(10);
    expect((await list(VP, "?page=99")).data).toEqual([]);
  });
});

describe("audit trail", () => {
  it("records reads, denials and not-found attempts with who, what and when", async () => {
    const id = await acmeId();
    await asUser(JANE, `/clients/${id}`);
    await asUser(JOHN, `/clients/${id}`);
    await asUser("intruder@ethico.test", "/clients");
    const rows = await env.DB.prepare(
      "SELECT user_id, user_email, action, resource_type, resource_id, outcome, at FROM audit_log ORDER BY at DESC, rowid DESC LIMIT 3",
    ).all();
    expect(rows.results).toEqual([
      expect.objectContaining({
        user_email: "intruder@ethico.test",
        user_id: null,
        outcome: "DENIED",
        action: "authenticate",
      }),
      expect.objectContaining({
        user_id: "usr_john_doe",
        resource_type: "client",
        resource_id: id,
        action: "read",
        outcome: "NOT_FOUND",
      }),
      expect.objectContaining({
        user_id: "usr_jane_smith",
        resource_type: "client",
        resource_id: id,
        action: "read",
        outcome: "SUCCESS",
      }),
    ]);
    expect(Date.now() - Date.parse(String(rows.results[0].at))).toBeLessThan(60_000);
  });
});
