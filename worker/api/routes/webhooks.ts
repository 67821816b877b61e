import { type Context, Hono } from "hono";

import { textBody } from "#worker/api/body";
import type { ApiEnv } from "#worker/api/context";
import { mappingFor } from "#worker/core/crm/field-mapping";
import { type CrmAccountChange, pushedFieldsIn } from "#worker/core/crm/inbound";
import { type SignatureCheck, verifyHubspotV3, verifyRelay } from "#worker/core/crm/webhook-signature";
import { AppError } from "#worker/core/errors";
import { parseInput } from "#worker/core/inputs/parse";
import { HubspotEventsSchema, SalesforceRelaySchema } from "#worker/core/inputs/webhooks";
import { getDb } from "#worker/db/client";
import { crmFieldMapping } from "#worker/db/queries/crm-connections";
import { applyCrmChanges } from "#worker/services/crm/inbound";
import { enqueueCrmPushes } from "#worker/services/crm/sync";

// CRM webhooks at the edge (PRD F10 "From Salesforce/HubSpot"), outside Cloudflare Access and
// the user identity: the signature is the authentication. A missing secret, a missing, stale or
// wrong signature is a 401 and nothing is read; a signed body is validated like any input.

const MAX_BODY = 1_048_576;

async function signedBody(
  c: Context<ApiEnv>,
  secret: string | undefined,
  check: (body: string) => Promise<SignatureCheck>,
): Promise<unknown> {
  const body = await textBody(c.req.raw, MAX_BODY);
  if (!secret) throw new AppError("UNAUTHENTICATED", "Webhook signing secret is not configured");
  const r = await check(body);
  if (!r.ok) throw new AppError("UNAUTHENTICATED", "Invalid webhook signature", [{ message: r.reason }]);
  try {
    return JSON.parse(body);
  } catch {
    throw new AppError("BAD_REQUEST", "Body is not valid JSON");
  }
}

async function mapping(c: Context<ApiEnv>, provider: "salesforce" | "hubspot") {
  return mappingFor(provider, await crmFieldMapping(getDb(c.env.DB), provider));
}

async function apply(
  c: Context<ApiEnv>,
  provider: "salesforce" | "hubspot",
  changes: CrmAccountChange[],
  ignored: number,
) {
  const db = getDb(c.env.DB);
  const r = await applyCrmChanges(db, provider, changes, "webhook", new Date());
  // Overruled health fields go back to the CRM with our values.
  if (r.repush.length) c.executionCtx.waitUntil(enqueueCrmPushes(c.env, db, r.repush));
  return c.json({
    received: changes.length + ignored,
    applied: r.applied,
    unchanged: r.unchanged,
    ignored,
    unknown_records: r.unknown,
    conflicts: r.conflicts,
  });
}

const HUBSPOT_FIELDS: Record<string, "name" | "industry" | "annual_revenue" | "renewal_date"> = {
  name: "name",
  industry: "industry",
  annualrevenue: "annual_revenue",
  renewal_date: "renewal_date",
};

export const webhookRoutes = new Hono<ApiEnv>()
  .post("/hubspot", async (c) => {
    const raw = await signedBody(c, c.env.HUBSPOT_CLIENT_SECRET, (body) =>
      verifyHubspotV3(
        c.env.HUBSPOT_CLIENT_SECRET!,
        {
          method: "POST",
          uri: c.req.url,
          body,
          signature: c.req.header("x-hubspot-signature-v3") ?? null,
          timestamp: c.req.header("x-hubspot-request-timestamp") ?? null,
        },
        Date.now(),
      ),
    );
    const events = parseInput(HubspotEventsSchema, raw, "webhook events");
    const m = await mapping(c, "hubspot");
    const changes: CrmAccountChange[] = [];
    let ignored = 0;
    for (const e of events) {
      const field = e.propertyName ? HUBSPOT_FIELDS[e.propertyName] : undefined;
      const pushed = e.propertyName ? pushedFieldsIn({ [e.propertyName]: e.propertyValue ?? null }, m) : {};
      if (e.subscriptionType !== "company.propertyChange" || (!field && Object.keys(pushed).length === 0)) {
        ignored += 1;
        continue;
      }
      // The raw value: planInbound checks it with the app's schemas and logs a refusal as a conflict.
      const fields: CrmAccountChange["fields"] = field ? { [field]: e.propertyValue ?? null } : { pushed };
      changes.push({ crm_id: String(e.objectId), modified_at: String(e.occurredAt), fields });
    }
    return apply(c, "hubspot", changes, ignored);
  })
  .post("/salesforce", async (c) => {
    const raw = await signedBody(c, c.env.SALESFORCE_WEBHOOK_SECRET, (body) =>
      verifyRelay(
        c.env.SALESFORCE_WEBHOOK_SECRET!,
        {
          body,
          signature: c.req.header("x-ethico-signature") ?? null,
          timestamp: c.req.header("x-ethico-timestamp") ?? null,
        },
        Date.now(),
      ),
    );
    const { events } = parseInput(SalesforceRelaySchema, raw, "webhook events");
    const m = await mapping(c, "salesforce");
    const changes: CrmAccountChange[] = [];
    let ignored = 0;
    for (const e of events) {
      const h = e.ChangeEventHeader;
      if (h.entityName !== "Account" || !["CREATE", "UPDATE", "UNDELETE"].includes(h.changeType)) {
        ignored += 1;
        continue;
      }
      const values = e as Record<string, unknown>;
      const fields: CrmAccountChange["fields"] = { pushed: pushedFieldsIn(values, m) };
      // Raw values: planInbound checks each with the app's schemas (a bad one is logged, not stored).
      if ("Name" in values) fields.name = values.Name;
      if ("Industry" in values) fields.industry = values.Industry;
      if ("AnnualRevenue" in values) fields.annual_revenue = values.AnnualRevenue;
      if ("Renewal_Date__c" in values) fields.renewal_date = values.Renewal_Date__c;
      for (const id of h.recordIds) changes.push({ crm_id: id, modified_at: String(h.commitTimestamp), fields });
    }
    return apply(c, "salesforce", changes, ignored);
  });
