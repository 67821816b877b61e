import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";

import worker from "#worker/index";

import { ADMIN, asUser, clientNamed, JANE, JOHN, type Json, one } from "./helpers";
import { connectFakeCrms, fake } from "./helpers/crm";

// Pushing health data to Salesforce and HubSpot (issue 7, part 2) against the local fakes, which
// speak the real request and response shapes: exact bodies, only changed fields, an expired
// session renewed, 429 and REQUEST_LIMIT_EXCEEDED retried, refused records logged, the
// dead-letter store and its replay, and the status endpoint.

const SF_ID = "001xx000003DGb2AAG";
const script = (service: string, responses: unknown[]) =>
  fake("/__script", { method: "POST", body: JSON.stringify({ service, responses }) });
const received = async (service: string) => await (await fake(`/__requests?service=${service}`)).json<Json[]>();
const push = async (provider: string, clientIds: string[], attempts = 1, queue = "client-success-crm-sync") => {
  const batch = createMessageBatch(queue, [
    {
      id: `crm-${provider}-${attempts}-${clientIds.join("-")}`,
      timestamp: new Date(),
      attempts,
      body: { kind: "crm_push", provider, client_ids: clientIds },
    },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
};
let acme: Json;

beforeAll(async () => {
  await connectFakeCrms();
  acme = (await one(
    "SELECT c.*, u.first_name || ' ' || u.last_name AS csm FROM clients c JOIN ethico_users u ON u.id = c.csm_user_id WHERE c.name = 'Acme Corporation'",
  ))!;
  await env.DB.prepare("UPDATE clients SET salesforce_account_id = ?, hubspot_company_id = '9001' WHERE id = ?")
    .bind(SF_ID, acme.id)
    .run();
});

describe("pushing health data to the CRM", () => {
  it("pushes a client now with the exact sObject Collections body, then only what changed", async () => {
    const res = await asUser(JANE, `/clients/${acme.id}/sync/salesforce`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      client_id: acme.id,
      provider: "salesforce",
      status: "pushed",
      fields: ["health_score", "health_status", "churn_risk", "last_csm_activity", "csm_owner"],
    });
    const [token, patch] = await received("salesforce");
    expect(token).toMatchObject({
      path: "/services/oauth2/token",
      body: { grant_type: "client_credentials", client_id: "3MVG9-test", client_secret: "test-secret" },
    });
    expect(patch.path).toBe("/services/data/v62.0/composite/sobjects");
    expect(patch.method).toBe("PATCH");
    expect(patch.headers.authorization).toMatch(/^Bearer 00Dfake!/);
    expect(patch.body).toEqual({
      allOrNone: false,
      records: [
        {
          attributes: { type: "Account" },
          id: SF_ID,
          Health_Score__c: acme.current_health_score,
          Health_Status__c: acme.health_status,
          Churn_Risk__c: acme.churn_risk_score,
          Last_CSM_Activity__c: acme.last_csm_contact_at.slice(0, 10),
          CSM_Owner__c: acme.csm,
        },
      ],
    });
    expect(
      await one(
        "SELECT last_error, last_push_at IS NOT NULL AS pushed FROM crm_sync_state WHERE client_id = ? AND provider = 'salesforce'",
        acme.id,
      ),
    ).toEqual({ last_error: null, pushed: 1 });

    const again = await (await asUser(JANE, `/clients/${acme.id}/sync/salesforce`, { method: "POST" })).json<Json>();
    expect(again.status).toBe("unchanged");
    expect((await received("salesforce")).length).toBe(2);

    // The score changes: the queue's push carries that field alone.
    await env.DB.prepare("UPDATE clients SET current_health_score = current_health_score - 7 WHERE id = ?")
      .bind(acme.id)
      .run();
    expect((await push("salesforce", [acme.id])).explicitAcks).toHaveLength(1);
    const last = (await received("salesforce")).at(-1)!;
    expect(last.body.records).toEqual([
      { attributes: { type: "Account" }, id: SF_ID, Health_Score__c: acme.current_health_score - 7 },
    ]);
  });

  it("pushes to HubSpot with the companies batch update, properties as strings", async () => {
    expect((await push("hubspot", [acme.id])).explicitAcks).toHaveLength(1);
    const [req] = await received("hubspot");
    expect(req.path).toBe("/crm/v3/objects/companies/batch/update");
    expect(req.headers.authorization).toBe("Bearer pat-na1-test");
    expect(req.body.inputs).toEqual([
      {
        id: "9001",
        properties: {
          health_score: String(acme.current_health_score - 7),
          health_status: acme.health_status,
          churn_risk: acme.churn_risk_score === null ? "" : String(acme.churn_risk_score),
          last_csm_activity: acme.last_csm_contact_at.slice(0, 10),
          csm_owner: acme.csm,
        },
      },
    ]);
  });

  it("renews an expired session, retries 429 and REQUEST_LIMIT_EXCEEDED, and logs a refused record without retrying", async () => {
    const tokensBefore = (await received("salesforce")).filter((r) => r.path.endsWith("/token")).length;
    await fake("/__reset", { method: "POST" }); // the fake forgets its sessions: ours has expired
    await env.DB.prepare("UPDATE clients SET current_health_score = current_health_score + 3 WHERE id = ?")
      .bind(acme.id)
      .run();
    expect((await push("salesforce", [acme.id])).explicitAcks).toHaveLength(1);
    const seen = await received("salesforce");
    expect(seen.map((r) => `${r.method} ${r.path.split("/").pop()}`)).toEqual([
      "PATCH sobjects",
      "POST token",
      "PATCH sobjects",
    ]);
    expect(tokensBefore).toBeGreaterThan(0);

    await env.DB.prepare("UPDATE clients SET current_health_score = current_health_score + 1 WHERE id = ?")
      .bind(acme.id)
      .run();
    await script("salesforce", [
      {
        status: 429,
        headers: { "retry-after": "9" },
        body: JSON.stringify([{ message: "Too many requests", errorCode: "REQUEST_LIMIT_EXCEEDED" }]),
      },
      {
        status: 403,
        body: JSON.stringify([{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }]),
      },
    ]);
    expect((await push("salesforce", [acme.id], 1)).retryMessages).toHaveLength(1);
    expect(
      (await one("SELECT last_error FROM crm_sync_state WHERE client_id = ? AND provider = 'salesforce'", acme.id))
        .last_error,
    ).toMatch(/^Will retry: Salesforce answered 429/);
    expect((await push("salesforce", [acme.id], 2)).retryMessages).toHaveLength(1);
    expect((await push("salesforce", [acme.id], 3)).explicitAcks).toHaveLength(1);
    expect(
      (await one("SELECT last_error FROM crm_sync_state WHERE client_id = ? AND provider = 'salesforce'", acme.id))
        .last_error,
    ).toBeNull();

    const beta = (await clientNamed("Beta Industries")).id;
    await env.DB.prepare("UPDATE clients SET salesforce_account_id = 'not-an-id' WHERE id = ?").bind(beta).run();
    expect((await push("salesforce", [beta])).explicitAcks).toHaveLength(1);
    expect(
      (await one("SELECT last_error FROM crm_sync_state WHERE client_id = ? AND provider = 'salesforce'", beta))
        .last_error,
    ).toBe("MALFORMED_ID: Account ID: id value of incorrect type: not-an-id");
    const now = await asUser(JANE, `/clients/${beta}/sync/salesforce`, { method: "POST" });
    expect(now.status).toBe(422);
  });

  it("keeps dead letters for replay, and reports the sync status to admins only", async () => {
    expect((await push("hubspot", [acme.id], 4, "client-success-crm-sync-dlq")).explicitAcks).toHaveLength(1);
    const status = await (await asUser(ADMIN, "/sync/status")).json<Json>();
    expect(status.dead_letters).toBe(1);
    expect(status.connections.find((c: Json) => c.provider === "salesforce")).toMatchObject({
      configured: true,
      enabled: true,
      clients_with_errors: 1,
    });
    expect(status.recent_errors[0]).toMatchObject({
      provider: "salesforce",
      error: expect.stringContaining("MALFORMED_ID"),
    });
    expect((await asUser(JANE, "/sync/status")).status).toBe(403);
    const sent: unknown[] = [];
    const spy = vi
      .spyOn(env.CRM_SYNC_QUEUE, "send")
      .mockImplementation(async (b: unknown) => (sent.push(b), undefined as never));
    expect(await (await asUser(ADMIN, "/sync/dead-letters/replay", { method: "POST" })).json()).toEqual({
      replayed: 1,
    });
    expect(sent).toEqual([{ kind: "crm_push", provider: "hubspot", client_ids: [acme.id] }]);
    expect((await one("SELECT count(*) AS n FROM crm_dead_letters")).n).toBe(0);
    const full = await asUser(ADMIN, "/sync/full", { method: "POST" });
    expect(full.status).toBe(202);
    const linked = (
      await one(
        "SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE' AND (salesforce_account_id IS NOT NULL OR hubspot_company_id IS NOT NULL)",
      )
    ).n;
    expect(await full.json()).toEqual({ queued_clients: linked, queued_messages: 2 * Math.ceil(linked / 100) });
    spy.mockRestore();
    expect((await asUser(JOHN, `/clients/${acme.id}/sync/salesforce`, { method: "POST" })).status).toBe(404);
  });
});
