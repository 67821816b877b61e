import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { hubspotV3Signature, relaySignature } from "#worker/core/crm/webhook-signature";

import { clientNamed, type Json, one } from "./helpers";

// CRM webhooks at the edge (issue 7, part 3): signatures (valid, tampered, stale, missing),
// validated bodies, contract data taken from the CRM, health data defended with a conflict log.

const HS_URL = "https://csd.localhost/webhooks/hubspot";
const SF_URL = "https://csd.localhost/webhooks/salesforce";
const SF_ID = "001xx000003DGb2AAG";
let acme: Json;

async function hubspot(events: unknown, opts: { ts?: number; tamper?: boolean; noSig?: boolean } = {}) {
  const body = JSON.stringify(events);
  const ts = String(opts.ts ?? Date.now());
  const sig = await hubspotV3Signature(env.HUBSPOT_CLIENT_SECRET!, "POST", HS_URL, body, ts);
  const headers: Record<string, string> = { "content-type": "application/json", "x-hubspot-request-timestamp": ts };
  if (!opts.noSig) headers["x-hubspot-signature-v3"] = sig;
  return SELF.fetch(HS_URL, { method: "POST", headers, body: opts.tamper ? body.replace("135000", "999999") : body });
}

async function salesforce(payload: unknown, ts = Date.now()) {
  const body = JSON.stringify(payload);
  const sig = await relaySignature(env.SALESFORCE_WEBHOOK_SECRET!, String(ts), body);
  return SELF.fetch(SF_URL, {
    method: "POST",
    headers: { "content-type": "application/json", "x-ethico-timestamp": String(ts), "x-ethico-signature": sig },
    body,
  });
}

beforeAll(async () => {
  acme = await clientNamed("Acme Corporation");
  await env.DB.prepare("UPDATE clients SET salesforce_account_id = ?, hubspot_company_id = '9001' WHERE id = ?")
    .bind(SF_ID, acme.id)
    .run();
});

const change = (propertyName: string, propertyValue: string | null, eventId = 1) => ({
  eventId,
  subscriptionId: 1,
  portalId: 4815162,
  occurredAt: Date.now() - 1000,
  subscriptionType: "company.propertyChange",
  attemptNumber: 0,
  objectId: 9001,
  propertyName,
  propertyValue,
  changeSource: "CRM",
});

describe("HubSpot webhook", () => {
  it("refuses missing, tampered and stale signatures with 401 and changes nothing", async () => {
    const events = [change("annualrevenue", "135000")];
    for (const res of [
      await hubspot(events, { noSig: true }),
      await hubspot(events, { tamper: true }),
      await hubspot(events, { ts: Date.now() - 301_000 }),
    ]) {
      expect(res.status).toBe(401);
      expect((await res.json<Json>()).error.code).toBe("UNAUTHENTICATED");
    }
    expect(
      (await one("SELECT annual_recurring_revenue FROM clients WHERE id = ?", acme.id)).annual_recurring_revenue,
    ).toBe(acme.annual_recurring_revenue);
  });

  it("takes ARR, renewal and industry from the CRM, and refuses a malformed signed body with 400", async () => {
    const res = await hubspot([
      change("annualrevenue", "135000", 1),
      change("renewal_date", "2027-03-31", 2),
      change("industry", "BANKING", 3),
      { ...change("x", "y", 4), subscriptionType: "contact.creation" },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 4, applied: 3, ignored: 1, conflicts: 0, unknown_records: [] });
    expect(
      await one("SELECT annual_recurring_revenue, next_renewal_date, industry FROM clients WHERE id = ?", acme.id),
    ).toEqual({ annual_recurring_revenue: 135000, next_renewal_date: "2027-03-31", industry: "Financial Services" });
    const bad = await hubspot([{ eventId: "one" }]);
    expect(bad.status).toBe(400);
    // A signed but unusable value is no longer a 400 for the whole batch: it is logged and not stored (below).
  });

  it("overrules a CRM edit of the health score and logs the conflict with both values", async () => {
    await env.DB.prepare(
      "INSERT INTO crm_sync_state (client_id, provider, last_pushed, last_push_at) VALUES (?, 'hubspot', ?, ?) ON CONFLICT DO UPDATE SET last_pushed = excluded.last_pushed",
    )
      .bind(acme.id, JSON.stringify({ health_score: 58 }), new Date().toISOString())
      .run();
    const res = await hubspot([change("health_score", "95")]);
    expect(await res.json()).toMatchObject({ applied: 0, conflicts: 1 });
    expect(
      await one(
        "SELECT provider, field, ethico_value, crm_value, winner, source FROM crm_sync_conflicts WHERE client_id = ? ORDER BY at DESC LIMIT 1",
        acme.id,
      ),
    ).toEqual({
      provider: "hubspot",
      field: "health_score",
      ethico_value: "58",
      crm_value: "95",
      winner: "ethico",
      source: "webhook",
    });
    expect(
      (await one("SELECT last_pushed FROM crm_sync_state WHERE client_id = ? AND provider = 'hubspot'", acme.id))
        .last_pushed,
    ).toBeNull(); // our values go out again
  });
});

describe("Salesforce relay webhook", () => {
  const event = (fields: Json, ids = [SF_ID]) => ({
    ChangeEventHeader: {
      entityName: "Account",
      recordIds: ids,
      changeType: "UPDATE",
      commitTimestamp: Date.now(),
      changedFields: Object.keys(fields),
    },
    ...fields,
  });

  it("applies Account changes by the rules and counts unknown records", async () => {
    const res = await salesforce({
      events: [
        event({ AnnualRevenue: 150000, Industry: null, Name: "Acme Corp" }),
        event({ AnnualRevenue: 1 }, ["001xx000009ZZZZAAA"]),
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: 1, unknown_records: ["001xx000009ZZZZAAA"], conflicts: 1 });
    expect(await one("SELECT annual_recurring_revenue, industry, name FROM clients WHERE id = ?", acme.id)).toEqual({
      annual_recurring_revenue: 150000,
      industry: "Other",
      name: "Acme Corp",
    });
    expect(
      await one(
        "SELECT field, winner FROM crm_sync_conflicts WHERE client_id = ? AND provider = 'salesforce'",
        acme.id,
      ),
    ).toEqual({ field: "name", winner: "crm" });
    await env.DB.prepare("UPDATE clients SET name = 'Acme Corporation' WHERE id = ?").bind(acme.id).run();
  });

  it("refuses a stale or unsigned relay, and a body that is not CDC events", async () => {
    expect((await salesforce({ events: [event({ AnnualRevenue: 9 })] }, Date.now() - 400_000)).status).toBe(401);
    expect((await SELF.fetch(SF_URL, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await salesforce({ events: [{ Name: "x" }] })).status).toBe(400);
    expect(
      (await one("SELECT annual_recurring_revenue FROM clients WHERE id = ?", acme.id)).annual_recurring_revenue,
    ).toBe(150000);
  });
});

describe("signed CRM values the app would refuse (issue 20)", () => {
  const conflictsFor = async (field: string, since: string) =>
    (
      await env.DB.prepare(
        "SELECT provider, field, ethico_value, crm_value, winner, reason, source FROM crm_sync_conflicts WHERE client_id = ? AND field = ? AND at >= ? ORDER BY at",
      )
        .bind(acme.id, field, since)
        .all<Json>()
    ).results;
  const contract = () =>
    one("SELECT annual_recurring_revenue, next_renewal_date, industry FROM clients WHERE id = ?", acme.id);

  beforeAll(async () => {
    await env.DB.prepare(
      "UPDATE clients SET annual_recurring_revenue = 135000, next_renewal_date = '2027-03-31' WHERE id = ?",
    )
      .bind(acme.id)
      .run();
  });

  it.each([
    ["renewal_date", "2027-99-99", "next_renewal_date"],
    ["renewal_date", "not-a-date", "next_renewal_date"],
    ["renewal_date", "2027-02-30", "next_renewal_date"],
    ["annualrevenue", "-5", "annual_recurring_revenue"],
    ["annualrevenue", "1e300", "annual_recurring_revenue"],
    ["annualrevenue", "lots", "annual_recurring_revenue"],
  ])("HubSpot %s %j goes to the conflict log with the raw value and is not stored", async (property, raw, column) => {
    const since = new Date().toISOString();
    const before = await contract();
    const res = await hubspot([change(property, raw)]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 1, applied: 0, unchanged: 1, conflicts: 1 });
    expect(await contract()).toEqual(before);
    const [logged] = await conflictsFor(column, since);
    expect(logged).toMatchObject({
      provider: "hubspot",
      field: column,
      ethico_value: String(before[column]),
      crm_value: raw,
      winner: "ethico",
      source: "webhook",
    });
    expect(logged.reason).toMatch(/^refused: /);
  });

  it("HubSpot epoch milliseconds and ISO instants become calendar dates; a bad value does not stop the valid ones beside it", async () => {
    const since = new Date().toISOString();
    const res = await hubspot([
      change("renewal_date", String(Date.parse("2027-06-30T00:00:00Z")), 1),
      change("annualrevenue", "-5", 2),
      change("industry", "Hospital & Health Care", 3),
    ]);
    expect(await res.json()).toMatchObject({ received: 3, applied: 2, conflicts: 1 });
    expect(await contract()).toEqual({
      annual_recurring_revenue: 135000,
      next_renewal_date: "2027-06-30",
      industry: "Healthcare",
    });
    await hubspot([change("renewal_date", "2027-07-31T09:30:00.000Z")]);
    expect((await contract()).next_renewal_date).toBe("2027-07-31");
    expect(await conflictsFor("annual_recurring_revenue", since)).toHaveLength(1);
  });

  it("Salesforce: each bad field of one event is logged and left out, the event's valid fields are applied", async () => {
    const since = new Date().toISOString();
    const event = (fields: Json) => ({
      ChangeEventHeader: {
        entityName: "Account",
        recordIds: [SF_ID],
        changeType: "UPDATE",
        commitTimestamp: Date.now(),
        changedFields: Object.keys(fields),
      },
      ...fields,
    });
    for (const [fields, column, raw] of [
      [{ AnnualRevenue: -5, Industry: "Insurance" }, "annual_recurring_revenue", "-5"],
      [{ AnnualRevenue: 1e300 }, "annual_recurring_revenue", "1e+300"],
      [{ AnnualRevenue: "150000", Renewal_Date__c: "2027-99-99" }, "next_renewal_date", "2027-99-99"],
      [{ Renewal_Date__c: "not-a-date" }, "next_renewal_date", "not-a-date"],
      [{ Renewal_Date__c: 42 }, "next_renewal_date", "42"],
    ] as [Json, string, string][]) {
      const res = await salesforce({ events: [event(fields)] });
      expect(res.status).toBe(200);
      expect((await conflictsFor(column, since)).map((c) => c.crm_value)).toContain(raw);
    }
    // Valid neighbours were applied: the industry, and ARR given as text.
    expect(await contract()).toEqual({
      annual_recurring_revenue: 150000,
      next_renewal_date: "2027-07-31",
      industry: "Insurance",
    });
    const logged = await conflictsFor("next_renewal_date", since);
    expect(
      logged.every((c) => c.provider === "salesforce" && c.winner === "ethico" && c.ethico_value === "2027-07-31"),
    ).toBe(true);
  });
});
