import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { runCrmPulls } from "#worker/jobs/crm-pull";

import { ADMIN, asUser, clientNamed, JANE, type Json, json, one, PAGE } from "./helpers";
import { connectFakeCrms, fake } from "./helpers/crm";

// The hourly pull (issue 7, part 4) against the fakes: SOQL over Account, Opportunity, User and
// Contact with pagination, HubSpot company and contact search with owners and associations, the
// PRD's rules applied (owner to AE, contacts linked or added for review), opportunities on the
// client page, and a failing, hanging or session-expired CRM handled without losing the window.

const SF_ID = "001xx000003DGb2AAG";
const hourAgo = new Date(Date.now() - 3600_000).toISOString();
let acme: Json;
let beta: Json;
let aes: Json[];

beforeAll(async () => {
  await connectFakeCrms();
  acme = await clientNamed("Acme Corporation");
  beta = await clientNamed("Beta Industries");
  await env.DB.prepare("UPDATE clients SET salesforce_account_id = ? WHERE id = ?").bind(SF_ID, acme.id).run();
  await env.DB.prepare("UPDATE clients SET hubspot_company_id = '9002' WHERE id = ?").bind(beta.id).run();
  await env.DB.prepare(
    "INSERT INTO ethico_users (id, email, first_name, last_name, role) VALUES ('usr_ae_pull', 'sam.owner@ethico.test', 'Sam', 'Owner', 'AE')",
  ).run();
  aes = (
    await env.DB.prepare(
      "SELECT id, email FROM ethico_users WHERE role = 'AE' AND is_active = 1 ORDER BY email",
    ).all<Json>()
  ).results;
  // Acme's AE is the first; the CRM will name the second (in other letter case) as owner.
  await env.DB.prepare("UPDATE clients SET ae_user_id = ? WHERE id IN (?, ?)").bind(aes[0].id, acme.id, beta.id).run();
});

describe("hourly CRM pull", () => {
  it("reads changed Accounts (every page) and Opportunities by the rules, and HubSpot companies", async () => {
    await fake("/__data", {
      method: "POST",
      body: JSON.stringify({
        service: "salesforce",
        objects: {
          Account: [
            {
              Id: SF_ID,
              Name: acme.name,
              Industry: "Machinery",
              AnnualRevenue: 140000,
              Renewal_Date__c: "2027-04-30",
              OwnerId: "005xx000001AAAAAAA",
              LastModifiedDate: hourAgo,
            },
            {
              Id: "001xx000003UNKNAAA",
              Name: "Not ours",
              Industry: null,
              AnnualRevenue: null,
              LastModifiedDate: hourAgo,
            },
            { Id: "001xx000003UNK2AAA", Name: "Not ours either", LastModifiedDate: hourAgo },
          ],
          Opportunity: [
            {
              Id: "006xx0000001AAA",
              AccountId: SF_ID,
              Name: "Acme renewal 2027",
              StageName: "Negotiation/Review",
              Amount: 140000,
              CloseDate: "2027-04-30",
              IsClosed: false,
              LastModifiedDate: hourAgo,
            },
            {
              Id: "006xx0000002AAA",
              AccountId: SF_ID,
              Name: "Acme 2025 renewal",
              StageName: "Closed Won",
              Amount: 120000,
              CloseDate: "2025-04-30",
              IsClosed: true,
              LastModifiedDate: hourAgo,
            },
            {
              Id: "006xx0000003AAA",
              AccountId: "001xx000003UNKNAAA",
              Name: "Elsewhere",
              IsClosed: false,
              LastModifiedDate: hourAgo,
            },
          ],
          User: [{ Id: "005xx000001AAAAAAA", Email: aes[1].email.toUpperCase() }],
          Contact: [
            // A person Acme's CSM already entered by hand: linked by email, details from the CRM.
            {
              Id: "003xx0000001AAA",
              AccountId: SF_ID,
              FirstName: "Priya",
              LastName: "Raman",
              Email: "PRIYA.RAMAN@acme-pull.test",
              Phone: "+1 555 0101",
              Title: "Chief Compliance Officer",
              LastModifiedDate: hourAgo,
            },
            // Someone new, and a nameless record: added for a CSM to review.
            {
              Id: "003xx0000002AAA",
              AccountId: SF_ID,
              FirstName: "Leo",
              LastName: "Park",
              Email: "leo.park@acme-pull.test",
              Phone: null,
              Title: "Ethics Lead",
              LastModifiedDate: hourAgo,
            },
            {
              Id: "003xx0000003AAA",
              AccountId: SF_ID,
              FirstName: null,
              LastName: null,
              Email: null,
              LastModifiedDate: hourAgo,
            },
            {
              Id: "003xx0000004AAA",
              AccountId: "001xx000003UNKNAAA",
              FirstName: "Not",
              LastName: "Ours",
              LastModifiedDate: hourAgo,
            },
          ],
        },
      }),
    });
    await env.DB.prepare(
      "INSERT INTO client_contacts (id, client_id, name, email, role, engagement_status, is_primary) VALUES ('pull-priya', ?, 'Priya Raman', 'priya.raman@acme-pull.test', 'CHAMPION', 'ACTIVE', 0)",
    )
      .bind(acme.id)
      .run();
    await fake("/__data", {
      method: "POST",
      body: JSON.stringify({
        service: "hubspot",
        companies: [
          {
            id: "9002",
            properties: {
              name: beta.name,
              industry: "MECHANICAL_OR_INDUSTRIAL_ENGINEERING",
              annualrevenue: "91000",
              renewal_date: "2027-06-30",
              hubspot_owner_id: "77",
              hs_lastmodifieddate: hourAgo,
            },
            updatedAt: hourAgo,
          },
        ],
        owners: [{ id: "77", email: "someone.else@agency.test", firstName: "Some", lastName: "One" }],
        contacts: [
          {
            id: "501",
            properties: {
              firstname: "Mina",
              lastname: "Cho",
              email: "mina@beta-pull.test",
              phone: null,
              jobtitle: "General Counsel",
              lastmodifieddate: hourAgo,
            },
            updatedAt: hourAgo,
          },
        ],
        contact_companies: { "501": ["9002"] },
      }),
    });
    await runCrmPulls(env);

    expect(
      await one("SELECT annual_recurring_revenue, next_renewal_date, industry FROM clients WHERE id = ?", acme.id),
    ).toEqual({ annual_recurring_revenue: 140000, next_renewal_date: "2027-04-30", industry: "Manufacturing" });
    expect(
      await one("SELECT annual_recurring_revenue, next_renewal_date, industry FROM clients WHERE id = ?", beta.id),
    ).toEqual({ annual_recurring_revenue: 91000, next_renewal_date: "2027-06-30", industry: "Manufacturing" });
    const opps = (
      await env.DB.prepare(
        "SELECT crm_id, name, stage, amount, close_date, is_closed FROM crm_opportunities ORDER BY crm_id",
      ).all<Json>()
    ).results;
    expect(opps).toEqual([
      {
        crm_id: "006xx0000001AAA",
        name: "Acme renewal 2027",
        stage: "Negotiation/Review",
        amount: 140000,
        close_date: "2027-04-30",
        is_closed: 0,
      },
      {
        crm_id: "006xx0000002AAA",
        name: "Acme 2025 renewal",
        stage: "Closed Won",
        amount: 120000,
        close_date: "2025-04-30",
        is_closed: 1,
      },
    ]);
    const sf = (await (await fake("/__requests?service=salesforce")).json<Json[]>()).map((r) => r.path as string);
    const accountQuery = decodeURIComponent(sf.find((p) => p.includes("FROM%20Account"))!);
    expect(accountQuery).toMatch(
      /SELECT Id, Name, Industry, AnnualRevenue, Renewal_Date__c, OwnerId, Health_Score__c, .* FROM Account WHERE LastModifiedDate > \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ORDER BY LastModifiedDate/,
    );
    expect(sf).toContain("/services/data/v62.0/query/Account-2"); // the second page, by nextRecordsUrl
    const hs = (await (await fake("/__requests?service=hubspot")).json<Json[]>()).find((r) =>
      r.path.endsWith("/search"),
    )!;
    expect(hs.body.filterGroups[0].filters[0]).toMatchObject({ propertyName: "hs_lastmodifieddate", operator: "GT" });
    const status = await (await asUser(ADMIN, "/sync/status")).json<Json>();
    expect(status.connections.find((c: Json) => c.provider === "salesforce")).toMatchObject({
      last_pull_at: expect.any(String),
      last_pull_error: null,
    });

    // The Salesforce owner is an Ethico AE (by email, any case): Acme's AE follows the CRM.
    expect((await one("SELECT ae_user_id FROM clients WHERE id = ?", acme.id)).ae_user_id).toBe(aes[1].id);
    expect(decodeURIComponent(sf.find((p) => p.includes("FROM%20User"))!)).toContain(
      "SELECT Id, Email FROM User WHERE Id IN ('005xx000001AAAAAAA')",
    );
    // The HubSpot owner is nobody we know: Beta keeps its AE and the conflict log says who it was.
    expect((await one("SELECT ae_user_id FROM clients WHERE id = ?", beta.id)).ae_user_id).toBe(aes[0].id);
    expect(
      await one(
        "SELECT ethico_value, crm_value, winner, reason FROM crm_sync_conflicts WHERE client_id = ? AND field = 'ae_user_id'",
        beta.id,
      ),
    ).toEqual({
      ethico_value: aes[0].id,
      crm_value: "someone.else@agency.test",
      winner: "ethico",
      reason: "the CRM owner matches no active Ethico user",
    });

    const contacts = (
      await env.DB.prepare(
        "SELECT id, name, email, phone, title, role, salesforce_contact_id, needs_review FROM client_contacts WHERE client_id = ? AND (salesforce_contact_id IS NOT NULL OR id = 'pull-priya') ORDER BY salesforce_contact_id",
      )
        .bind(acme.id)
        .all<Json>()
    ).results;
    expect(contacts).toEqual([
      {
        id: "pull-priya",
        name: "Priya Raman",
        email: "priya.raman@acme-pull.test",
        phone: "+1 555 0101",
        title: "Chief Compliance Officer",
        role: "CHAMPION",
        salesforce_contact_id: "003xx0000001AAA",
        needs_review: 0,
      },
      {
        id: expect.any(String),
        name: "Leo Park",
        email: "leo.park@acme-pull.test",
        phone: null,
        title: "Ethics Lead",
        role: "OTHER",
        salesforce_contact_id: "003xx0000002AAA",
        needs_review: 1,
      },
      {
        id: expect.any(String),
        name: "Unnamed Salesforce contact 003xx0000003AAA",
        email: null,
        phone: null,
        title: null,
        role: "OTHER",
        salesforce_contact_id: "003xx0000003AAA",
        needs_review: 1,
      },
    ]);
    const hsRequests = await (await fake("/__requests?service=hubspot")).json<Json[]>();
    expect(
      hsRequests.find((r) => r.path === "/crm/v3/objects/contacts/search")!.body.filterGroups[0].filters[0],
    ).toMatchObject({ propertyName: "lastmodifieddate", operator: "GT" });
    expect(hsRequests.find((r) => r.path === "/crm/v4/associations/contacts/companies/batch/read")!.body).toEqual({
      inputs: [{ id: "501" }],
    });
    expect(
      await one(
        "SELECT name, title, role, hubspot_contact_id, needs_review FROM client_contacts WHERE client_id = ? AND hubspot_contact_id = '501'",
        beta.id,
      ),
    ).toEqual({
      name: "Mina Cho",
      title: "General Counsel",
      role: "OTHER",
      hubspot_contact_id: "501",
      needs_review: 1,
    });
    // A second pull of the same records changes nothing and adds nobody.
    const count = async () =>
      (await one("SELECT count(*) AS n FROM client_contacts WHERE client_id IN (?, ?)", acme.id, beta.id)).n;
    const n = await count();
    await runCrmPulls(env);
    expect(await count()).toBe(n);
    // Setting the role is the review.
    const leo = contacts[1];
    expect((await asUser(JANE, `/contacts/${leo.id}`, json("PUT", { role: "USER" }))).status).toBe(200);
    expect((await one("SELECT needs_review FROM client_contacts WHERE id = ?", leo.id)).needs_review).toBe(0);

    const page = await (await asUser(JANE, `${PAGE}/clients/${acme.id}`)).text();
    expect(page).toContain("Acme renewal 2027");
    expect(page).not.toContain("Acme 2025 renewal");
    expect(page).not.toContain("CRM data may be stale");
  });

  it("records a failing CRM, reads the same window again next time, and tells the client page", async () => {
    const before = (await one("SELECT last_pull_at FROM crm_connections WHERE provider = 'salesforce'")).last_pull_at;
    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({
        service: "salesforce",
        responses: [
          { status: 503, body: JSON.stringify([{ message: "Server unavailable", errorCode: "SERVER_UNAVAILABLE" }]) },
        ],
      }),
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await runCrmPulls(env);
    expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
      expect.stringContaining("CRM pull from salesforce failed"),
    );
    warn.mockRestore();
    expect(
      await one(
        "SELECT last_pull_at, last_pull_error LIKE '%Salesforce answered 503%' AS failed FROM crm_connections WHERE provider = 'salesforce'",
      ),
    ).toEqual({ last_pull_at: before, failed: 1 });
    const page = (await (await asUser(JANE, `${PAGE}/clients/${acme.id}`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("CRM data may be stale.");
    expect(page).toContain("Sync now");
    // The next pull succeeds and asks for everything after the last good one.
    await runCrmPulls(env);
    const queries = (await (await fake("/__requests?service=salesforce")).json<Json[]>())
      .map((r) => decodeURIComponent(r.path))
      .filter((p) => p.includes("FROM Account"));
    expect(queries.at(-1)).toContain(`LastModifiedDate > ${before.replace(/\.\d{3}Z$/, "Z")}`);
    expect(
      (await one("SELECT last_pull_error FROM crm_connections WHERE provider = 'salesforce'")).last_pull_error,
    ).toBeNull();
  });

  it("gives up on a CRM that hangs, within the configured timeout, and keeps the window", async () => {
    const before = (await one("SELECT last_pull_at FROM crm_connections WHERE provider = 'hubspot'")).last_pull_at;
    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({ service: "hubspot", responses: [{ status: 200, body: "{}", delay_ms: 3000 }] }),
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const started = Date.now();
    await runCrmPulls(env);
    const waited = Date.now() - started;
    warn.mockRestore();
    expect(waited).toBeLessThan(2900); // CRM_TIMEOUT_MS is 1000 in tests; the fake answers after 3000
    expect(await one("SELECT last_pull_at, last_pull_error FROM crm_connections WHERE provider = 'hubspot'")).toEqual({
      last_pull_at: before,
      last_pull_error: expect.stringContaining("HubSpot did not answer within 1 s"),
    });
  });

  it("renews an expired Salesforce session in the middle of a pull, and records a revoked HubSpot token", async () => {
    await fake("/__expire-sessions", { method: "POST" });
    const tokensBefore = (await (await fake("/__requests?service=salesforce")).json<Json[]>()).filter(
      (r) => r.path === "/services/oauth2/token",
    ).length;
    await runCrmPulls(env);
    const sf = await (await fake("/__requests?service=salesforce")).json<Json[]>();
    expect(sf.filter((r) => r.path === "/services/oauth2/token").length).toBe(tokensBefore + 1);
    expect(
      (await one("SELECT last_pull_error FROM crm_connections WHERE provider = 'salesforce'")).last_pull_error,
    ).toBeNull();

    // A private-app token revoked in HubSpot: 401 INVALID_AUTHENTICATION is not retried; the error is shown.
    await asUser(
      ADMIN,
      "/crm/connections/hubspot",
      json("PUT", { base_url: env.FAKES_URL, enabled: true, auth: { type: "private_app", token: "revoked-token" } }),
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await runCrmPulls(env);
    warn.mockRestore();
    expect(
      (await one("SELECT last_pull_error FROM crm_connections WHERE provider = 'hubspot'")).last_pull_error,
    ).toMatch(/HubSpot answered 401.*Authentication credentials not found/);
  });
});
