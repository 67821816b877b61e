import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runCrmPulls } from "../worker/jobs/crm-pull";
import { asUser, JANE, PAGE } from "./helpers/http";

// The hourly pull (issue 7, part 4) against the fakes: SOQL over Account and Opportunity with
// pagination, HubSpot company search, the PRD's rules applied, opportunities on the client page,
// and a failing CRM shown as "CRM data may be stale" with its window read again next time.

type Json = Record<string, any>;
const ADMIN = "admin@ethico.test";
const SF_ID = "001xx000003DGb2AAG";
const fake = (path: string, init?: RequestInit) => fetch(`${env.FAKES_URL}${path}`, init);
const one = async (sql: string, ...binds: unknown[]) => (await env.DB.prepare(sql).bind(...binds).all<Json>()).results[0];
const hourAgo = new Date(Date.now() - 3600_000).toISOString();
let acme: Json;
let beta: Json;

beforeAll(async () => {
  await fake("/__reset", { method: "POST" });
  const connect = (provider: string, body: unknown) => asUser(ADMIN, `/crm/connections/${provider}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await connect("salesforce", { base_url: env.FAKES_URL, enabled: true, auth: { type: "client_credentials", client_id: "3MVG9-test", client_secret: "test-secret" } });
  await connect("hubspot", { base_url: env.FAKES_URL, enabled: true, auth: { type: "private_app", token: "pat-na1-test" } });
  acme = (await one("SELECT * FROM clients WHERE name = 'Acme Corporation'"))!;
  beta = (await one("SELECT * FROM clients WHERE name = 'Beta Industries'"))!;
  await env.DB.prepare("UPDATE clients SET salesforce_account_id = ? WHERE id = ?").bind(SF_ID, acme.id).run();
  await env.DB.prepare("UPDATE clients SET hubspot_company_id = '9002' WHERE id = ?").bind(beta.id).run();
});

describe("hourly CRM pull", () => {
  it("reads changed Accounts (every page) and Opportunities by the rules, and HubSpot companies", async () => {
    await fake("/__data", { method: "POST", body: JSON.stringify({ service: "salesforce", objects: {
      Account: [
        { Id: SF_ID, Name: acme.name, Industry: "Machinery", AnnualRevenue: 140000, Renewal_Date__c: "2027-04-30", LastModifiedDate: hourAgo },
        { Id: "001xx000003UNKNAAA", Name: "Not ours", Industry: null, AnnualRevenue: null, LastModifiedDate: hourAgo },
        { Id: "001xx000003UNK2AAA", Name: "Not ours either", LastModifiedDate: hourAgo },
      ],
      Opportunity: [
        { Id: "006xx0000001AAA", AccountId: SF_ID, Name: "Acme renewal 2027", StageName: "Negotiation/Review", Amount: 140000, CloseDate: "2027-04-30", IsClosed: false, LastModifiedDate: hourAgo },
        { Id: "006xx0000002AAA", AccountId: SF_ID, Name: "Acme 2025 renewal", StageName: "Closed Won", Amount: 120000, CloseDate: "2025-04-30", IsClosed: true, LastModifiedDate: hourAgo },
        { Id: "006xx0000003AAA", AccountId: "001xx000003UNKNAAA", Name: "Elsewhere", IsClosed: false, LastModifiedDate: hourAgo },
      ],
    } }) });
    await fake("/__data", { method: "POST", body: JSON.stringify({ service: "hubspot", companies: [{ id: "9002", properties: { name: beta.name, industry: "MECHANICAL_OR_INDUSTRIAL_ENGINEERING", annualrevenue: "91000", renewal_date: "2027-06-30", hs_lastmodifieddate: hourAgo }, updatedAt: hourAgo }] }) });
    await runCrmPulls(env);

    expect(await one("SELECT annual_recurring_revenue, next_renewal_date, industry FROM clients WHERE id = ?", acme.id)).toEqual({ annual_recurring_revenue: 140000, next_renewal_date: "2027-04-30", industry: "Manufacturing" });
    expect(await one("SELECT annual_recurring_revenue, next_renewal_date, industry FROM clients WHERE id = ?", beta.id)).toEqual({ annual_recurring_revenue: 91000, next_renewal_date: "2027-06-30", industry: "Manufacturing" });
    const opps = (await env.DB.prepare("SELECT crm_id, name, stage, amount, close_date, is_closed FROM crm_opportunities ORDER BY crm_id").all<Json>()).results;
    expect(opps).toEqual([
      { crm_id: "006xx0000001AAA", name: "Acme renewal 2027", stage: "Negotiation/Review", amount: 140000, close_date: "2027-04-30", is_closed: 0 },
      { crm_id: "006xx0000002AAA", name: "Acme 2025 renewal", stage: "Closed Won", amount: 120000, close_date: "2025-04-30", is_closed: 1 },
    ]);
    const sf = (await (await fake("/__requests?service=salesforce")).json<Json[]>()).map((r) => r.path as string);
    const accountQuery = decodeURIComponent(sf.find((p) => p.includes("FROM%20Account"))!);
    expect(accountQuery).toMatch(/SELECT Id, Name, Industry, AnnualRevenue, Renewal_Date__c, Health_Score__c, .* FROM Account WHERE LastModifiedDate > \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ORDER BY LastModifiedDate/);
    expect(sf).toContain("/services/data/v62.0/query/Account-2"); // the second page, by nextRecordsUrl
    const hs = (await (await fake("/__requests?service=hubspot")).json<Json[]>()).find((r) => r.path.endsWith("/search"))!;
    expect(hs.body.filterGroups[0].filters[0]).toMatchObject({ propertyName: "hs_lastmodifieddate", operator: "GT" });
    const status = await (await asUser(ADMIN, "/sync/status")).json<Json>();
    expect(status.connections.find((c: Json) => c.provider === "salesforce")).toMatchObject({ last_pull_at: expect.any(String), last_pull_error: null });

    const page = await (await asUser(JANE, `${PAGE}/clients/${acme.id}`)).text();
    expect(page).toContain("Acme renewal 2027");
    expect(page).not.toContain("Acme 2025 renewal");
    expect(page).not.toContain("CRM data may be stale");
  });

  it("records a failing CRM, reads the same window again next time, and tells the client page", async () => {
    const before = (await one("SELECT last_pull_at FROM crm_connections WHERE provider = 'salesforce'")).last_pull_at;
    await fake("/__script", { method: "POST", body: JSON.stringify({ service: "salesforce", responses: [{ status: 503, body: JSON.stringify([{ message: "Server unavailable", errorCode: "SERVER_UNAVAILABLE" }]) }] }) });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await runCrmPulls(env);
    expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringContaining("CRM pull from salesforce failed"));
    warn.mockRestore();
    expect(await one("SELECT last_pull_at, last_pull_error LIKE '%Salesforce answered 503%' AS failed FROM crm_connections WHERE provider = 'salesforce'")).toEqual({ last_pull_at: before, failed: 1 });
    const page = (await (await asUser(JANE, `${PAGE}/clients/${acme.id}`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("CRM data may be stale.");
    expect(page).toContain("Sync now");
    // The next pull succeeds and asks for everything after the last good one.
    await runCrmPulls(env);
    const queries = (await (await fake("/__requests?service=salesforce")).json<Json[]>()).map((r) => decodeURIComponent(r.path)).filter((p) => p.includes("FROM Account"));
    expect(queries.at(-1)).toContain(`LastModifiedDate > ${before.replace(/\.\d{3}Z$/, "Z")}`);
    expect((await one("SELECT last_pull_error FROM crm_connections WHERE provider = 'salesforce'")).last_pull_error).toBeNull();
  });
});
