import { type CrmContact, planContact, REVIEW_NOTE } from "#worker/core/crm/contacts";
import type { CrmProvider } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import {
  activeContactsForCrm,
  activeUsersByEmail,
  clientsByCrmAccount,
  insertCrmContact,
  updateCrmContact,
} from "#worker/db/queries/crm-inbound";

// CRM people into our database: contacts onto the client's stakeholders (core/crm/contacts.ts
// decides create, update or leave), and account owners onto Ethico users by email.

export interface ContactPullResult {
  created: number;
  updated: number;
  unchanged: number;
  unknown_accounts: number;
}

const LABEL: Record<CrmProvider, string> = { salesforce: "Salesforce", hubspot: "HubSpot" };

/** Contacts with the CRM id of their account (Salesforce AccountId, HubSpot associated company). */
export async function applyCrmContacts(
  db: Db,
  provider: CrmProvider,
  contacts: (CrmContact & { account_crm_id: string })[],
  now: Date,
): Promise<ContactPullResult> {
  const out: ContactPullResult = { created: 0, updated: 0, unchanged: 0, unknown_accounts: 0 };
  if (contacts.length === 0) return out;
  const linked = await clientsByCrmAccount(db, provider, [...new Set(contacts.map((c) => c.account_crm_id))]);
  const clientOf = new Map(linked.map((l) => [l.crm!, l.id]));
  const existing = linked.length
    ? await activeContactsForCrm(
        db,
        provider,
        linked.map((l) => l.id),
      )
    : [];
  const stamp = now.toISOString();
  for (const c of contacts) {
    const clientId = clientOf.get(c.account_crm_id);
    if (!clientId) {
      out.unknown_accounts += 1;
      continue;
    }
    const mine = existing.filter((e) => e.client_id === clientId);
    const plan = planContact(c, mine, LABEL[provider]);
    if (plan.kind === "unchanged") out.unchanged += 1;
    else if (plan.kind === "update") {
      const { crm_id, ...rest } = plan.values;
      await updateCrmContact(db, plan.id, {
        ...rest,
        ...(crm_id ? { [provider === "salesforce" ? "salesforce_contact_id" : "hubspot_contact_id"]: crm_id } : {}),
        updated_at: stamp,
      });
      Object.assign(
        mine.find((m) => m.id === plan.id)!,
        rest,
        crm_id ? { crm_id } : {},
      );
      out.updated += 1;
    } else {
      const id = crypto.randomUUID();
      await insertCrmContact(db, {
        id,
        client_id: clientId,
        name: plan.values.name,
        email: plan.values.email,
        phone: plan.values.phone,
        title: plan.values.title,
        role: "OTHER",
        engagement_status: "INACTIVE",
        needs_review: true,
        notes: REVIEW_NOTE(LABEL[provider]),
        salesforce_contact_id: provider === "salesforce" ? c.crm_id : null,
        hubspot_contact_id: provider === "hubspot" ? c.crm_id : null,
        created_at: stamp,
        updated_at: stamp,
      });
      existing.push({
        id,
        client_id: clientId,
        name: plan.values.name,
        email: plan.values.email,
        phone: plan.values.phone,
        title: plan.values.title,
        crm_id: c.crm_id,
      });
      out.created += 1;
    }
  }
  return out;
}

/** Active Ethico users by lower-cased email, for the owners the CRM named. */
export async function ethicoUsersByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await activeUsersByEmail(db, wanted);
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}
