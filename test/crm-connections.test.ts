import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { openJson } from "#worker/services/crm/credential-vault";

import { ADMIN, AE, asUser, JANE, type Json, json, VP } from "./helpers";

// CRM connections (issue 7, part 1): configured by an admin, credentials sealed with AES-GCM
// before they reach D1, never returned, logged or audited.

const put = (email: string, provider: string, body: unknown) =>
  asUser(email, `/crm/connections/${provider}`, json("PUT", body));
const SECRET = "s3cr3t-client-secret-value";
const TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

describe("CRM connections", () => {
  it("stores Salesforce credentials sealed, answers without them, and keeps them on an update without auth", async () => {
    const res = await put(ADMIN, "salesforce", {
      base_url: "https://ethico.my.salesforce.com/",
      login_url: "https://login.salesforce.com",
      enabled: true,
      auth: { type: "client_credentials", client_id: "3MVG9-client", client_secret: SECRET },
      field_mapping: { churn_risk: "Churn_Probability__c" },
    });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("3MVG9-client");
    const body = await res.json<Json>();
    expect(body).toMatchObject({
      provider: "salesforce",
      configured: true,
      base_url: "https://ethico.my.salesforce.com",
      enabled: true,
      auth: { type: "client_credentials", configured: true },
    });
    expect(body.field_mapping).toEqual({
      health_score: "Health_Score__c",
      health_status: "Health_Status__c",
      churn_risk: "Churn_Probability__c",
      last_csm_activity: "Last_CSM_Activity__c",
      csm_owner: "CSM_Owner__c",
    });

    const row = (await env.DB.prepare("SELECT * FROM crm_connections WHERE provider = 'salesforce'").first<Json>())!;
    const everything =
      JSON.stringify(row) +
      JSON.stringify(
        (await env.DB.prepare("SELECT * FROM audit_log WHERE resource_type = 'crm_connection'").all()).results,
      );
    for (const plain of [SECRET, btoa(SECRET), "3MVG9-client"]) expect(everything).not.toContain(plain);
    // Only the key opens it, and only for the provider it was sealed for.
    expect(
      await openJson(env.CRM_ENCRYPTION_KEY, "crm:salesforce", {
        ciphertext: row.credentials_ciphertext,
        iv: row.credentials_iv,
      }),
    ).toEqual({ type: "client_credentials", client_id: "3MVG9-client", client_secret: SECRET });
    await expect(
      openJson(env.CRM_ENCRYPTION_KEY, "crm:hubspot", {
        ciphertext: row.credentials_ciphertext,
        iv: row.credentials_iv,
      }),
    ).rejects.toThrow();
    await expect(
      openJson(btoa("x".repeat(32)), "crm:salesforce", {
        ciphertext: row.credentials_ciphertext,
        iv: row.credentials_iv,
      }),
    ).rejects.toThrow();

    const again = await put(ADMIN, "salesforce", { base_url: "https://ethico.my.salesforce.com", enabled: false });
    expect(again.status).toBe(200);
    const after = (await env.DB.prepare("SELECT * FROM crm_connections WHERE provider = 'salesforce'").first<Json>())!;
    expect(after).toMatchObject({
      enabled: 0,
      credentials_ciphertext: row.credentials_ciphertext,
      auth_type: "client_credentials",
    });
    expect((await (await asUser(VP, "/crm/connections/salesforce")).json<Json>()).field_mapping.churn_risk).toBe(
      "Churn_Probability__c",
    );
  });

  it("seals a HubSpot private-app token, and re-seals with a new IV on every change", async () => {
    const first = await put(ADMIN, "hubspot", {
      base_url: "https://api.hubapi.com",
      enabled: true,
      auth: { type: "private_app", token: TOKEN },
    });
    expect(first.status).toBe(200);
    expect(await first.text()).not.toContain(TOKEN);
    const a = (await env.DB.prepare(
      "SELECT credentials_ciphertext AS c, credentials_iv AS iv FROM crm_connections WHERE provider = 'hubspot'",
    ).first<Json>())!;
    await put(ADMIN, "hubspot", { base_url: "https://api.hubapi.com", auth: { type: "private_app", token: TOKEN } });
    const b = (await env.DB.prepare(
      "SELECT credentials_ciphertext AS c, credentials_iv AS iv FROM crm_connections WHERE provider = 'hubspot'",
    ).first<Json>())!;
    expect(b.iv).not.toBe(a.iv);
    expect(b.c).not.toBe(a.c);
  });

  it("refuses the wrong people, bad input and impossible mappings, and changes nothing", async () => {
    const before = await env.DB.prepare("SELECT * FROM crm_connections ORDER BY provider").all();
    // The VP of Client Success may change connections (US-015-050); the VP of Sales, an AE and a CSM may not.
    expect((await put("vp-sales@ethico.test", "salesforce", { base_url: "https://x.my.salesforce.com" })).status).toBe(
      403,
    );
    expect((await put(AE, "salesforce", { base_url: "https://x.my.salesforce.com" })).status).toBe(403);
    expect((await put(JANE, "hubspot", { base_url: "https://api.hubapi.com" })).status).toBe(403);
    expect((await asUser(JANE, "/crm/connections/salesforce")).status).toBe(403);
    expect((await asUser(ADMIN, "/crm/connections/zoho")).status).toBe(404);
    const bad = await put(ADMIN, "salesforce", {
      base_url: "http://evil.example.com",
      auth: { type: "password", username: "u" },
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<Json>()).error.details.map((d: Json) => d.field).sort()).toEqual([
      "auth.type",
      "base_url",
      "extra",
    ]);
    const dup = await put(ADMIN, "hubspot", {
      base_url: "https://api.hubapi.com",
      field_mapping: { health_score: "score", churn_risk: "score" },
    });
    expect(dup.status).toBe(422);
    expect((await dup.json<Json>()).error.details).toEqual([
      { field: "field_mapping.churn_risk", message: "maps to score, which health_score already uses" },
    ]);
    expect((await env.DB.prepare("SELECT * FROM crm_connections ORDER BY provider").all()).results).toEqual(
      before.results,
    );
  });
});
