import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { asUser, clientNamed, JANE, type Json, json, one } from "./helpers";
import { connectFakeCrms, fake } from "./helpers/crm";

// A logged CSM activity reaches the CRMs (issue 7, "a logged CSM activity becomes a Salesforce
// Task, or a HubSpot engagement associated with the company"): logged through the API as a CSM
// does, queued, pushed by the real queue consumer, with the exact request bodies checked, sent
// once only, and a failed association finished on the next push without a second engagement.
// The dates are a week before the pinned clock (helpers/clock.ts): no activity is logged in the future.

const SF_ID = "001xx000003DGb2AAG";
const received = async (service: string) => await (await fake(`/__requests?service=${service}`)).json<Json[]>();
let acme: Json;

/** Waits for the queue consumer (batch timeout 1 s locally) to have done what `done` checks. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  await connectFakeCrms();
  acme = await clientNamed("Acme Corporation");
  await env.DB.prepare("UPDATE clients SET salesforce_account_id = ?, hubspot_company_id = '9001' WHERE id = ?")
    .bind(SF_ID, acme.id)
    .run();
});

describe("logged activities to the CRM", () => {
  it("turns a logged call into a completed Salesforce Task and a HubSpot call on the company, once", async () => {
    const res = await asUser(
      JANE,
      `/clients/${acme.id}/activities`,
      json("POST", {
        activity_type: "CALL",
        subject: "Renewal check-in",
        description: "Walked through the Q3 rollout plan.",
        occurred_at: "2026-06-04T15:30:00.000Z",
        duration_minutes: 25,
        outcome: "RISK_IDENTIFIED",
        follow_up_date: "2026-06-15",
      }),
    );
    expect(res.status).toBe(201);
    const activity = await res.json<Json>();
    const row = await eventually(
      () =>
        one(
          "SELECT salesforce_activity_id, hubspot_engagement_id, hubspot_engagement_type, hubspot_associated_at FROM client_activities WHERE id = ?",
          activity.id,
        ),
      (r) => Boolean(r.salesforce_activity_id && r.hubspot_associated_at),
    );
    expect(row).toEqual({
      salesforce_activity_id: expect.stringMatching(/^00T/),
      hubspot_engagement_id: expect.any(String),
      hubspot_engagement_type: "calls",
      hubspot_associated_at: expect.any(String),
    });

    const text =
      "Walked through the Q3 rollout plan.\n\nOutcome: Risk identified\n\nFollow-up by 2026-06-15\n\nLogged in the Client Success Dashboard as Call.";
    const create = (await received("salesforce")).find(
      (r) => r.method === "POST" && r.path.endsWith("/composite/sobjects"),
    )!;
    expect(create.path).toBe("/services/data/v62.0/composite/sobjects");
    expect(create.body).toEqual({
      allOrNone: false,
      records: [
        {
          attributes: { type: "Task" },
          WhatId: SF_ID,
          Subject: "Renewal check-in",
          Description: text,
          ActivityDate: "2026-06-04",
          Status: "Completed",
          Priority: "Normal",
          Type: "Call",
          TaskSubtype: "Call",
          CallDurationInSeconds: 1500,
        },
      ],
    });
    const hs = await received("hubspot");
    const call = hs.find((r) => r.path === "/crm/v3/objects/calls/batch/create")!;
    expect(call.body).toEqual({
      inputs: [
        {
          properties: {
            hs_timestamp: "2026-06-04T15:30:00.000Z",
            hs_call_title: "Renewal check-in",
            hs_call_body: text,
            hs_call_direction: "OUTBOUND",
            hs_call_status: "COMPLETED",
            hs_call_duration: "1500000",
          },
          objectWriteTraceId: activity.id,
          associations: [],
        },
      ],
    });
    const assoc = hs.find((r) => r.path === "/crm/v4/associations/calls/companies/batch/associate/default")!;
    expect(assoc.body).toEqual({ inputs: [{ from: { id: row.hubspot_engagement_id }, to: { id: "9001" } }] });

    // The API shows the CRM ids; a later push (another change) sends neither activity again.
    const listed = await (await asUser(JANE, `/clients/${acme.id}/activities?limit=5`)).json<Json>();
    expect(listed.data.find((a: Json) => a.id === activity.id)).toMatchObject({
      salesforce_activity_id: row.salesforce_activity_id,
      hubspot_engagement_id: row.hubspot_engagement_id,
    });
    expect((await asUser(JANE, `/clients/${acme.id}/sync/salesforce`, { method: "POST" })).status).toBe(200);
    expect((await asUser(JANE, `/clients/${acme.id}/sync/hubspot`, { method: "POST" })).status).toBe(200);
    expect(
      (await received("salesforce")).filter((r) => r.method === "POST" && r.path.endsWith("/composite/sobjects")),
    ).toHaveLength(1);
    expect((await received("hubspot")).filter((r) => r.path.endsWith("/batch/create"))).toHaveLength(1);
  });

  it("finishes a failed HubSpot association on the next push without creating the engagement twice", async () => {
    await fake("/__reset", { method: "POST" });
    const res = await asUser(
      JANE,
      `/clients/${acme.id}/activities`,
      json("POST", {
        activity_type: "QBR",
        subject: "Q4 business review",
        occurred_at: "2026-06-05T14:00:00.000Z",
        duration_minutes: 60,
      }),
    );
    const activity = await res.json<Json>();
    // The queue's push creates the meeting and associates it.
    const created = await eventually(
      () => received("hubspot"),
      (r) => r.some((x) => x.path === "/crm/v3/objects/meetings/batch/create"),
    );
    expect(created.some((x) => x.path === "/crm/v3/objects/meetings/batch/create")).toBe(true);
    const row = await eventually(
      () => one("SELECT hubspot_engagement_id, hubspot_associated_at FROM client_activities WHERE id = ?", activity.id),
      (r) => Boolean(r.hubspot_associated_at),
    );
    expect(row.hubspot_associated_at).not.toBeNull();

    // Now act out the failure by hand: forget the association and make HubSpot fail the next call.
    await env.DB.prepare("UPDATE client_activities SET hubspot_associated_at = NULL WHERE id = ?")
      .bind(activity.id)
      .run();
    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({
        service: "hubspot",
        responses: [
          {
            status: 500,
            body: JSON.stringify({
              status: "error",
              message: "internal error",
              correlationId: "x",
              category: "INTERNAL_ERROR",
            }),
          },
        ],
      }),
    });
    const failed = await asUser(JANE, `/clients/${acme.id}/sync/hubspot`, { method: "POST" });
    expect(failed.status).toBe(502);
    expect(
      (await one("SELECT hubspot_associated_at FROM client_activities WHERE id = ?", activity.id))
        .hubspot_associated_at,
    ).toBeNull();
    const ok = await asUser(JANE, `/clients/${acme.id}/sync/hubspot`, { method: "POST" });
    expect(ok.status).toBe(200);
    expect(
      await one("SELECT hubspot_engagement_id, hubspot_associated_at FROM client_activities WHERE id = ?", activity.id),
    ).toEqual({ hubspot_engagement_id: row.hubspot_engagement_id, hubspot_associated_at: expect.any(String) });
    const hs = await received("hubspot");
    expect(hs.filter((r) => r.path === "/crm/v3/objects/meetings/batch/create")).toHaveLength(1);
    expect(
      hs.filter((r) => r.path === "/crm/v4/associations/meetings/companies/batch/associate/default").map((r) => r.body),
    ).toContainEqual({ inputs: [{ from: { id: row.hubspot_engagement_id }, to: { id: "9001" } }] });
  });

  it("leaves activities logged before the connection existed out of the CRM", async () => {
    await fake("/__reset", { method: "POST" });
    const old = await one(
      "SELECT count(*) AS n FROM client_activities WHERE client_id = ? AND salesforce_activity_id IS NULL AND created_at < (SELECT created_at FROM crm_connections WHERE provider = 'salesforce')",
      acme.id,
    );
    expect(old.n).toBeGreaterThan(0);
    expect((await asUser(JANE, `/clients/${acme.id}/sync/salesforce`, { method: "POST" })).status).toBe(200);
    const creates = (await received("salesforce")).filter(
      (r) => r.method === "POST" && r.path.endsWith("/composite/sobjects"),
    );
    expect(creates).toHaveLength(0);
  });

  it("says so when the CRM refuses a logged activity, keeps it unsent, and sends it on the next try", async () => {
    await fake("/__reset", { method: "POST" });
    const id = `act_refused_${Date.now()}`;
    await env.DB.prepare(
      "INSERT INTO client_activities (id, client_id, activity_type, subject, performed_by_id, occurred_at, created_at, updated_at) VALUES (?, ?, 'EMAIL', 'Renewal quote sent', 'usr_jane_smith', ?, ?, ?)",
    )
      .bind(id, acme.id, new Date().toISOString(), new Date().toISOString(), new Date().toISOString())
      .run();
    const refused = JSON.stringify([
      {
        success: false,
        errors: [
          { statusCode: "INVALID_CROSS_REFERENCE_KEY", message: "invalid cross reference id", fields: ["WhatId"] },
        ],
      },
    ]);
    await fake("/__script", {
      method: "POST",
      body: JSON.stringify({ service: "salesforce", responses: [{ status: 200, body: refused }] }),
    });
    const res = await asUser(JANE, `/clients/${acme.id}/sync/salesforce`, { method: "POST" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: {
        code: "UNPROCESSABLE",
        message: "salesforce refused 1 logged activity",
        details: [{ field: `activity:${id}`, message: "INVALID_CROSS_REFERENCE_KEY: invalid cross reference id" }],
      },
    });
    expect(
      (await one("SELECT salesforce_activity_id FROM client_activities WHERE id = ?", id)).salesforce_activity_id,
    ).toBeNull();
    expect(
      (await one("SELECT last_error FROM crm_sync_state WHERE client_id = ? AND provider = 'salesforce'", acme.id))
        .last_error,
    ).toContain("INVALID_CROSS_REFERENCE_KEY");
    const ok = await asUser(JANE, `/clients/${acme.id}/sync/salesforce`, { method: "POST" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ activities_created: 1 });
    expect(
      (await one("SELECT salesforce_activity_id FROM client_activities WHERE id = ?", id)).salesforce_activity_id,
    ).toMatch(/^00T/);
    expect(
      (await one("SELECT last_error FROM crm_sync_state WHERE client_id = ? AND provider = 'salesforce'", acme.id))
        .last_error,
    ).toBeNull();
  });
});

describe("edited activities to the CRM (issue 19)", () => {
  it("updates the Salesforce Task and the HubSpot engagement the CRMs already have, then clears the flags", async () => {
    const res = await asUser(
      JANE,
      `/clients/${acme.id}/activities`,
      json("POST", {
        activity_type: "CALL",
        subject: "Pricing call",
        occurred_at: "2026-06-05T10:00:00.000Z",
        follow_up_date: "2026-06-16",
      }),
    );
    const activity = await res.json<Json>();
    const pushed = await eventually(
      () =>
        one(
          "SELECT salesforce_activity_id, hubspot_engagement_id, hubspot_associated_at FROM client_activities WHERE id = ?",
          activity.id,
        ),
      (r) => Boolean(r.salesforce_activity_id && r.hubspot_associated_at),
    );
    expect(pushed.salesforce_activity_id).toBeTruthy();
    const edit = await asUser(
      JANE,
      `/activities/${activity.id}`,
      json("PUT", { subject: "Pricing call (rescheduled follow-up)", follow_up_date: "2026-06-23" }),
    );
    expect(edit.status).toBe(200);
    const row = await eventually(
      () =>
        one(
          "SELECT salesforce_update_pending AS sf, hubspot_update_pending AS hs FROM client_activities WHERE id = ?",
          activity.id,
        ),
      (r) => r.sf === 0 && r.hs === 0,
    );
    expect(row).toEqual({ sf: 0, hs: 0 });
    const sf = (await received("salesforce"))
      .filter((r) => r.method === "PATCH" && r.path.endsWith("/composite/sobjects"))
      .map((r) => r.body.records)
      .flat();
    expect(sf).toContainEqual(
      expect.objectContaining({
        attributes: { type: "Task" },
        id: pushed.salesforce_activity_id,
        Subject: "Pricing call (rescheduled follow-up)",
        Description: expect.stringContaining("Follow-up by 2026-06-23"),
      }),
    );
    expect(sf.find((r: Json) => r.id === pushed.salesforce_activity_id)).not.toHaveProperty("WhatId");
    const hs = (await received("hubspot"))
      .filter((r) => r.path === "/crm/v3/objects/calls/batch/update")
      .map((r) => r.body.inputs)
      .flat();
    expect(hs).toContainEqual({
      id: pushed.hubspot_engagement_id,
      properties: expect.objectContaining({ hs_call_title: "Pricing call (rescheduled follow-up)" }),
    });
  }, 30_000);
});
