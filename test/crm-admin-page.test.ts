import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { ADMIN, asUser, clientNamed, form, JANE, type Json, one, PAGE } from "./helpers";

// The CRM sync page (/admin/crm): an admin sets up a connection through the form (credentials
// write-only: never in the page, kept when left empty), pulls now, sees what was pulled and the
// conflict log; the VP of Client Success (US-015-050) changes connections too and runs the
// operations; a CSM is refused. Against the local fake Salesforce.

const VP = "vp-cs@ethico.test";
const SF_ID = "001xx000003DGb2AAG";
const fake = (path: string, init?: RequestInit) => fetch(`${env.FAKES_URL}${path}`, init);
const post = (email: string, fields: Record<string, string>) => asUser(email, `${PAGE}/admin/crm`, form(fields));
const html = async (email: string) =>
  (await (await asUser(email, `${PAGE}/admin/crm`)).text()).replaceAll("<!-- -->", "");
let acme: Json;

beforeAll(async () => {
  await fake("/__reset", { method: "POST" });
  acme = await clientNamed("Acme Corporation");
  await env.DB.prepare("UPDATE clients SET salesforce_account_id = ? WHERE id = ?").bind(SF_ID, acme.id).run();
});

describe("the CRM sync page", () => {
  it("lets an admin connect Salesforce through the form without ever showing the secret", async () => {
    const bad = await post(ADMIN, {
      intent: "save_connection",
      provider: "salesforce",
      base_url: "ftp://nope",
      auth_type: "client_credentials",
      client_id: "3MVG9-page",
      client_secret: "page-secret-123",
    });
    expect(bad.status).toBe(400);
    expect((await bad.text()).replaceAll("<!-- -->", "")).toContain("must be https (http only for a loopback address)");
    expect(await one("SELECT count(*) AS n FROM crm_connections WHERE provider = 'salesforce'")).toEqual({ n: 0 });

    const res = await post(ADMIN, {
      intent: "save_connection",
      provider: "salesforce",
      base_url: env.FAKES_URL,
      auth_type: "client_credentials",
      client_id: "3MVG9-page",
      client_secret: "page-secret-123",
      "map.health_score": "Health_Score__c",
      enabled: "on",
    });
    expect(res.status).toBe(302);
    const page = await html(ADMIN);
    expect(page).toContain("Enabled");
    expect(page).toContain("Pull from Salesforce now");
    expect(page).not.toContain("page-secret-123");
    expect(page).not.toContain("3MVG9-page");

    // Saving again with the credential fields empty keeps them (the next pull still signs in).
    expect(
      (
        await post(ADMIN, {
          intent: "save_connection",
          provider: "salesforce",
          base_url: env.FAKES_URL,
          auth_type: "",
          enabled: "on",
        })
      ).status,
    ).toBe(302);
    const stored = await one("SELECT credentials_ciphertext FROM crm_connections WHERE provider = 'salesforce'");
    expect(stored.credentials_ciphertext).not.toContain("page-secret-123");
  });

  it("pulls now and shows the result, the sync state and the conflict log", async () => {
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    await fake("/__data", {
      method: "POST",
      body: JSON.stringify({
        service: "salesforce",
        objects: {
          Account: [
            {
              Id: SF_ID,
              Name: "Acme Corp (CRM)",
              Industry: "Banking",
              AnnualRevenue: 150000,
              Health_Score__c: 99,
              LastModifiedDate: hourAgo,
            },
          ],
        },
      }),
    });
    const res = await post(VP, { intent: "pull", provider: "salesforce" });
    expect(res.status).toBe(200);
    const text = (await res.text()).replaceAll("<!-- -->", "");
    expect(text).toContain(
      "Pulled from Salesforce: 1 accounts read, 1 updated, 2 conflicts logged, 0 contacts added, 0 opportunities.",
    );
    const token = (await (await fake("/__requests?service=salesforce")).json<Json[]>()).find(
      (r) => r.path === "/services/oauth2/token",
    )!;
    expect(token.body).toMatchObject({ client_id: "3MVG9-page", client_secret: "page-secret-123" });
    const page = await html(VP);
    expect(page).toContain("Sync conflicts");
    expect(page).toContain("Ethico is the source of truth for health data");
    expect(page).toMatch(/health_score<\/td><td>[^<]*<\/td><td>99<\/td><td>Ours<\/td>/);
    expect(page).toContain("shared field: the most recent change wins");
  });

  it("lets the VP of Client Success change a connection (audited) and run operations, and refuses a CSM", async () => {
    // US-015-050: the VP owns the CRM sync. The change is audited with who made it.
    const saved = await post(VP, {
      intent: "save_connection",
      provider: "salesforce",
      base_url: env.FAKES_URL,
      auth_type: "",
      enabled: "on",
      "map.health_score": "CS_Health__c",
    });
    expect(saved.status).toBe(302);
    const row = await one("SELECT updated_by_id, field_mapping FROM crm_connections WHERE provider = 'salesforce'");
    expect(row.updated_by_id).toBe("usr_vp_cs");
    expect(JSON.parse(row.field_mapping).health_score).toBe("CS_Health__c");
    const audit = await one(
      "SELECT outcome FROM audit_log WHERE action = 'update' AND resource_type = 'crm_connection' AND user_id = 'usr_vp_cs' ORDER BY rowid DESC LIMIT 1",
    );
    expect(audit).toEqual({ outcome: "SUCCESS" });
    expect(await html(VP)).not.toContain("can change CRM connections.");
    expect(await html(VP)).toContain("Save Salesforce connection");

    const denied = await post(JANE, {
      intent: "save_connection",
      provider: "salesforce",
      base_url: "https://evil.example.com",
      enabled: "on",
    });
    expect(denied.status).toBe(403);
    expect((await one("SELECT base_url FROM crm_connections WHERE provider = 'salesforce'")).base_url).toBe(
      env.FAKES_URL,
    );
    const refusal = await one(
      "SELECT outcome, status_code FROM audit_log WHERE action = 'update' AND resource_type = 'crm_connection' AND user_id = 'usr_jane_smith' ORDER BY rowid DESC LIMIT 1",
    );
    expect(refusal).toEqual({ outcome: "DENIED", status_code: 403 });
    const queued = await post(VP, { intent: "full_sync" });
    expect(queued.status).toBe(200);
    expect((await queued.text()).replaceAll("<!-- -->", "")).toMatch(/Full sync queued: \d+ clients in \d+ messages\./);
    expect((await asUser(JANE, `${PAGE}/admin/crm`)).status).toBe(403);
    expect((await post(JANE, { intent: "pull", provider: "salesforce" })).status).toBe(403);
    // The navigation offers the page only to those who may use it.
    expect(await (await asUser(JANE, `${PAGE}/`)).text()).not.toContain('href="/admin/crm"');
    expect(await (await asUser(VP, `${PAGE}/`)).text()).toContain('href="/admin/crm"');
  });
});
