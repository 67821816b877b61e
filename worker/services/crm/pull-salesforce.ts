import * as v from "valibot";

import { PUSHED_FIELDS } from "#worker/core/crm/field-mapping";
import { type CrmAccountChange, pushedFieldsIn, rawText } from "#worker/core/crm/inbound";
import { arrUsd, contractDate } from "#worker/core/inputs/client-fields";
import type { Db } from "#worker/db/client";
import {
  clientsByCrmAccount,
  insertSyncConflicts,
  type SyncConflictInsert,
  upsertOpportunity,
} from "#worker/db/queries/crm-inbound";
import { query, type SalesforceConnection, type SoqlRecord } from "#worker/integrations/salesforce";

import { applyCrmContacts, ethicoUsersByEmail } from "./crm-contacts";
import type { OpenConnection } from "./enabled-connection";
import { applyCrmChanges } from "./inbound";

// One Salesforce pull: Accounts (with their owner's email, mapped to our AE), Opportunities and
// Contacts modified after `since`, each SOQL query read to its last page.

const soqlDate = (iso: string) => iso.replace(/\.\d{3}Z$/, "Z");
const text = (v: unknown) => (typeof v === "string" ? v : null);
/** Salesforce ids are 15 or 18 letters and digits; anything else never reaches a SOQL string. */
const SF_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

export async function pullSalesforce(db: Db, conn: OpenConnection, since: string, now: Date) {
  const c = conn.salesforce!;
  const after = soqlDate(since);
  const healthFields = PUSHED_FIELDS.map((f) => conn.mapping[f]);
  const accounts = await query(
    c,
    `SELECT Id, Name, Industry, AnnualRevenue, Renewal_Date__c, OwnerId, ${healthFields.join(", ")}, LastModifiedDate FROM Account WHERE LastModifiedDate > ${after} ORDER BY LastModifiedDate`,
  );
  const owners = await ownerEmails(
    c,
    accounts.map((a) => text(a.OwnerId)).filter((id): id is string => Boolean(id)),
  );
  const users = await ethicoUsersByEmail(db, [...owners.values()]);
  const changes: CrmAccountChange[] = accounts.map((a) => {
    const ownerId = text(a.OwnerId);
    const email = ownerId ? (owners.get(ownerId) ?? null) : null;
    return {
      crm_id: a.Id,
      modified_at: String(a.LastModifiedDate ?? now.toISOString()),
      fields: {
        // Raw values: planInbound checks them with the app's schemas (refusals go to the conflict log).
        name: a.Name ?? null,
        industry: a.Industry ?? null,
        annual_revenue: a.AnnualRevenue ?? null,
        renewal_date: a.Renewal_Date__c ?? null,
        ...(ownerId
          ? {
              owner: {
                crm_id: ownerId,
                email,
                ethico_user_id: email ? (users.get(email.toLowerCase()) ?? null) : null,
              },
            }
          : {}),
        pushed: pushedFieldsIn(a, conn.mapping),
      },
    };
  });
  const applied = await applyCrmChanges(db, "salesforce", changes, "pull", now);
  const opportunities = await pullOpportunities(db, c, after, now);
  const contacts = await query(
    c,
    `SELECT Id, AccountId, FirstName, LastName, Email, Phone, Title, LastModifiedDate FROM Contact WHERE LastModifiedDate > ${after} ORDER BY LastModifiedDate`,
  );
  const contactResult = await applyCrmContacts(
    db,
    "salesforce",
    contacts
      .filter((x) => text(x.AccountId))
      .map((x) => ({
        crm_id: x.Id,
        account_crm_id: String(x.AccountId),
        first_name: text(x.FirstName),
        last_name: text(x.LastName),
        email: text(x.Email),
        phone: text(x.Phone),
        title: text(x.Title),
      })),
    now,
  );
  return { ...applied, accounts: accounts.length, opportunities, contacts: contactResult };
}

/** Owner id → email, from the User object (200 ids per query). */
async function ownerEmails(c: SalesforceConnection, ownerIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(ownerIds)].filter((id) => SF_ID.test(id));
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 200) {
    const list = ids
      .slice(i, i + 200)
      .map((id) => `'${id}'`)
      .join(", ");
    for (const u of await query(c, `SELECT Id, Email FROM User WHERE Id IN (${list})`))
      if (text(u.Email)) out.set(u.Id, String(u.Email));
  }
  return out;
}

async function pullOpportunities(db: Db, c: SalesforceConnection, after: string, now: Date): Promise<number> {
  const opps: SoqlRecord[] = await query(
    c,
    `SELECT Id, AccountId, Name, StageName, Amount, CloseDate, IsClosed, LastModifiedDate FROM Opportunity WHERE LastModifiedDate > ${after} ORDER BY LastModifiedDate`,
  );
  const accountIds = [...new Set(opps.map((o) => String(o.AccountId)))];
  const linked = accountIds.length ? await clientsByCrmAccount(db, "salesforce", accountIds) : [];
  const byAccount = new Map(linked.map((l) => [l.crm!, l.id]));
  const stamp = now.toISOString();
  const refused: SyncConflictInsert[] = [];
  // Amount and close date through the app's schemas; a value that fails is stored empty and logged with its raw value.
  const checked = <T>(schema: v.GenericSchema<unknown, T>, raw: unknown, clientId: string, field: string): T | null => {
    if (raw === null || raw === undefined || raw === "") return null;
    const r = v.safeParse(schema, raw);
    if (r.success) return r.output;
    refused.push({
      id: crypto.randomUUID(),
      client_id: clientId,
      provider: "salesforce",
      field,
      ethico_value: null,
      crm_value: rawText(raw),
      winner: "ethico",
      reason: `refused: ${r.issues.map((i) => i.message).join("; ")}; the CRM value was not stored`,
      source: "pull",
      at: stamp,
    });
    return null;
  };
  const rows = opps
    .filter((o) => byAccount.has(String(o.AccountId)))
    .map((o) => {
      const clientId = byAccount.get(String(o.AccountId))!;
      return {
        provider: "salesforce" as const,
        crm_id: o.Id,
        client_id: clientId,
        name: text(o.Name) ?? "Untitled opportunity",
        stage: text(o.StageName),
        amount: checked(arrUsd, o.Amount, clientId, `opportunity ${o.Id} amount`),
        close_date: checked(contractDate, o.CloseDate, clientId, `opportunity ${o.Id} close_date`),
        is_closed: o.IsClosed === true,
        modified_at: String(o.LastModifiedDate ?? stamp),
        updated_at: stamp,
      };
    });
  if (refused.length) await insertSyncConflicts(db, refused);
  for (const r of rows) {
    await upsertOpportunity(db, r);
  }
  return rows.length;
}
