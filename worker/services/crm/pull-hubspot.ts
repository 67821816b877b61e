import { PUSHED_FIELDS } from "#worker/core/crm/field-mapping";
import { type CrmAccountChange, pushedFieldsIn } from "#worker/core/crm/inbound";
import type { Db } from "#worker/db/client";
import {
  companiesOfContacts,
  type HubspotConnection,
  ownerById,
  searchCompaniesModifiedSince,
  searchModifiedSince,
} from "#worker/integrations/hubspot";

import { applyCrmContacts, ethicoUsersByEmail } from "./crm-contacts";
import type { OpenConnection } from "./enabled-connection";
import { applyCrmChanges } from "./inbound";

// One HubSpot pull: companies modified after `since` (hs_lastmodifieddate, with the owner's
// email from the owners API mapped to our AE), then contacts modified after `since`
// (lastmodifieddate) with the companies they are associated with.

export async function pullHubspot(db: Db, conn: OpenConnection, since: string, now: Date) {
  const hs = conn.hubspot!;
  const sinceMs = Date.parse(since);
  const healthProps = PUSHED_FIELDS.map((f) => conn.mapping[f]);
  const companies = await searchCompaniesModifiedSince(hs, sinceMs, [
    "name",
    "industry",
    "annualrevenue",
    "renewal_date",
    "hubspot_owner_id",
    "hs_lastmodifieddate",
    ...healthProps,
  ]);
  const owners = await ownerEmails(
    hs,
    companies.map((co) => co.properties.hubspot_owner_id).filter((id): id is string => Boolean(id)),
  );
  const users = await ethicoUsersByEmail(db, [...owners.values()]);
  const changes: CrmAccountChange[] = companies.map((co) => {
    const p = co.properties;
    const ownerId = p.hubspot_owner_id || null;
    const email = ownerId ? (owners.get(ownerId) ?? null) : null;
    return {
      crm_id: co.id,
      modified_at: p.hs_lastmodifieddate ?? co.updatedAt,
      fields: {
        // Raw values: planInbound checks them with the app's schemas (refusals go to the conflict log).
        name: p.name ?? null,
        industry: p.industry ?? null,
        annual_revenue: p.annualrevenue ?? null,
        renewal_date: p.renewal_date ?? null,
        ...(ownerId
          ? {
              owner: {
                crm_id: ownerId,
                email,
                ethico_user_id: email ? (users.get(email.toLowerCase()) ?? null) : null,
              },
            }
          : {}),
        pushed: pushedFieldsIn(p, conn.mapping),
      },
    };
  });
  const applied = await applyCrmChanges(db, "hubspot", changes, "pull", now);
  const people = await searchModifiedSince(hs, "contacts", "lastmodifieddate", sinceMs, [
    "firstname",
    "lastname",
    "email",
    "phone",
    "jobtitle",
    "lastmodifieddate",
  ]);
  const companyOf = new Map<string, string[]>();
  for (let i = 0; i < people.length; i += 1000)
    for (const [k, v] of await companiesOfContacts(
      hs,
      people.slice(i, i + 1000).map((p) => p.id),
    ))
      companyOf.set(k, v);
  const contacts = people.flatMap((p) =>
    (companyOf.get(p.id) ?? []).map((company) => ({
      crm_id: p.id,
      account_crm_id: company,
      first_name: p.properties.firstname ?? null,
      last_name: p.properties.lastname ?? null,
      email: p.properties.email ?? null,
      phone: p.properties.phone ?? null,
      title: p.properties.jobtitle ?? null,
    })),
  );
  const contactResult = await applyCrmContacts(db, "hubspot", contacts, now);
  return { ...applied, accounts: companies.length, opportunities: 0, contacts: contactResult };
}

/** Owner id → email; an owner HubSpot no longer knows is left out (and logged as unmatched). */
async function ownerEmails(hs: HubspotConnection, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    const o = await ownerById(hs, id);
    if (o?.email) out.set(id, o.email);
  }
  return out;
}
