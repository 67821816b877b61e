import { PUSHED_FIELDS } from "../../core/crm/field-mapping";
import { pushedFieldsIn, type CrmAccountChange } from "../../core/crm/inbound";
import type { Db } from "../../db/client";
import { inJson } from "../../db/in-json";
import { clients, crmOpportunities } from "../../db/schema";
import { query, type SalesforceConnection, type SoqlRecord } from "../../integrations/salesforce";
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
  const accounts = await query(c, `SELECT Id, Name, Industry, AnnualRevenue, Renewal_Date__c, OwnerId, ${healthFields.join(", ")}, LastModifiedDate FROM Account WHERE LastModifiedDate > ${after} ORDER BY LastModifiedDate`);
  const owners = await ownerEmails(c, accounts.map((a) => text(a.OwnerId)).filter((id): id is string => Boolean(id)));
  const users = await ethicoUsersByEmail(db, [...owners.values()]);
  const changes: CrmAccountChange[] = accounts.map((a) => {
    const ownerId = text(a.OwnerId);
    const email = ownerId ? owners.get(ownerId) ?? null : null;
    return {
      crm_id: a.Id,
      modified_at: String(a.LastModifiedDate ?? now.toISOString()),
      fields: {
        name: text(a.Name),
        industry: text(a.Industry),
        annual_revenue: typeof a.AnnualRevenue === "number" ? a.AnnualRevenue : null,
        renewal_date: text(a.Renewal_Date__c),
        ...(ownerId ? { owner: { crm_id: ownerId, email, ethico_user_id: email ? users.get(email.toLowerCase()) ?? null : null } } : {}),
        pushed: pushedFieldsIn(a, conn.mapping),
      },
    };
  });
  const applied = await applyCrmChanges(db, "salesforce", changes, "pull", now);
  const opportunities = await pullOpportunities(db, c, after, now);
  const contacts = await query(c, `SELECT Id, AccountId, FirstName, LastName, Email, Phone, Title, LastModifiedDate FROM Contact WHERE LastModifiedDate > ${after} ORDER BY LastModifiedDate`);
  const contactResult = await applyCrmContacts(
    db,
    "salesforce",
    contacts.filter((x) => text(x.AccountId)).map((x) => ({ crm_id: x.Id, account_crm_id: String(x.AccountId), first_name: text(x.FirstName), last_name: text(x.LastName), email: text(x.Email), phone: text(x.Phone), title: text(x.Title) })),
    now,
  );
  return { ...applied, accounts: accounts.length, opportunities, contacts: contactResult };
}

/** Owner id → email, from the User object (200 ids per query). */
async function ownerEmails(c: SalesforceConnection, ownerIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(ownerIds)].filter((id) => SF_ID.test(id));
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 200) {
    const list = ids.slice(i, i + 200).map((id) => `'${id}'`).join(", ");
    for (const u of await query(c, `SELECT Id, Email FROM User WHERE Id IN (${list})`)) if (text(u.Email)) out.set(u.Id, String(u.Email));
  }
  return out;
}

async function pullOpportunities(db: Db, c: SalesforceConnection, after: string, now: Date): Promise<number> {
  const opps: SoqlRecord[] = await query(c, `SELECT Id, AccountId, Name, StageName, Amount, CloseDate, IsClosed, LastModifiedDate FROM Opportunity WHERE LastModifiedDate > ${after} ORDER BY LastModifiedDate`);
  const accountIds = [...new Set(opps.map((o) => String(o.AccountId)))];
  const linked = accountIds.length ? await db.select({ id: clients.id, crm: clients.salesforce_account_id }).from(clients).where(inJson(clients.salesforce_account_id, accountIds)) : [];
  const byAccount = new Map(linked.map((l) => [l.crm!, l.id]));
  const stamp = now.toISOString();
  const rows = opps
    .filter((o) => byAccount.has(String(o.AccountId)))
    .map((o) => ({
      provider: "salesforce" as const, crm_id: o.Id, client_id: byAccount.get(String(o.AccountId))!, name: text(o.Name) ?? "Untitled opportunity",
      stage: text(o.StageName), amount: typeof o.Amount === "number" ? o.Amount : null,
      close_date: text(o.CloseDate), is_closed: o.IsClosed === true, modified_at: String(o.LastModifiedDate ?? stamp), updated_at: stamp,
    }));
  for (const r of rows) {
    await db.insert(crmOpportunities).values(r).onConflictDoUpdate({ target: [crmOpportunities.provider, crmOpportunities.crm_id], set: { ...r } });
  }
  return rows.length;
}
