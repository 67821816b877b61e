import { and, eq, sql } from "drizzle-orm";

import type { CrmProvider } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import { inJson } from "#worker/db/in-json";
import {
  clientContacts,
  clients,
  crmOpportunities,
  crmSyncConflicts,
  crmSyncState,
  ethicoUsers,
} from "#worker/db/schema";

// What the CRM sends us (webhooks and the hourly pull): account changes onto clients, the
// conflict log, opportunities, contacts onto stakeholders and owners onto Ethico users.

export type SyncConflictInsert = typeof crmSyncConflicts.$inferInsert;
export type OpportunityWrite = typeof crmOpportunities.$inferInsert;
type ClientRow = typeof clients.$inferSelect;
type ContactRow = typeof clientContacts.$inferSelect;

const accountColumn = (p: CrmProvider) =>
  p === "salesforce" ? clients.salesforce_account_id : clients.hubspot_company_id;

/** The clients these CRM account ids point at, with the fields an inbound change may touch. */
export async function clientsForInbound(db: Db, provider: CrmProvider, crmIds: string[]) {
  const idCol = accountColumn(provider);
  return db
    .select({
      id: clients.id,
      crm_id: idCol,
      name: clients.name,
      industry: clients.industry,
      annual_recurring_revenue: clients.annual_recurring_revenue,
      next_renewal_date: clients.next_renewal_date,
      ae_user_id: clients.ae_user_id,
      updated_at: clients.updated_at,
    })
    .from(clients)
    .where(inJson(idCol, crmIds));
}

export async function syncStatesOf(db: Db, clientIds: string[]) {
  return db.select().from(crmSyncState).where(inJson(crmSyncState.client_id, clientIds));
}

export async function applyInboundUpdate(
  db: Db,
  clientId: string,
  updates: Partial<ClientRow>,
  stamp: string,
): Promise<void> {
  await db
    .update(clients)
    .set({ ...updates, last_crm_sync_at: stamp, updated_at: stamp })
    .where(eq(clients.id, clientId));
}

export async function insertSyncConflicts(db: Db, rows: SyncConflictInsert[]): Promise<void> {
  await db.insert(crmSyncConflicts).values(rows);
}

/** Forget what we believe the CRM holds for this client, so the next push sends every field. */
export async function forgetPushedValues(db: Db, clientId: string, stamp: string): Promise<void> {
  await db
    .update(crmSyncState)
    .set({ last_pushed: null, updated_at: stamp })
    .where(eq(crmSyncState.client_id, clientId));
}

/** Client id and CRM account id of the clients linked to these accounts. */
export async function clientsByCrmAccount(db: Db, provider: CrmProvider, accountIds: string[]) {
  const accountCol = accountColumn(provider);
  return db.select({ id: clients.id, crm: accountCol }).from(clients).where(inJson(accountCol, accountIds));
}

export async function upsertOpportunity(db: Db, r: OpportunityWrite): Promise<void> {
  await db
    .insert(crmOpportunities)
    .values(r)
    .onConflictDoUpdate({ target: [crmOpportunities.provider, crmOpportunities.crm_id], set: { ...r } });
}

/** Active contacts of these clients, with the provider's contact id as crm_id. */
export async function activeContactsForCrm(db: Db, provider: CrmProvider, clientIds: string[]) {
  const contactCol =
    provider === "salesforce" ? clientContacts.salesforce_contact_id : clientContacts.hubspot_contact_id;
  return db
    .select({
      id: clientContacts.id,
      client_id: clientContacts.client_id,
      name: clientContacts.name,
      email: clientContacts.email,
      phone: clientContacts.phone,
      title: clientContacts.title,
      crm_id: contactCol,
    })
    .from(clientContacts)
    .where(and(inJson(clientContacts.client_id, clientIds), eq(clientContacts.is_active, true)));
}

export async function updateCrmContact(db: Db, id: string, set: Partial<ContactRow>): Promise<void> {
  await db.update(clientContacts).set(set).where(eq(clientContacts.id, id));
}

export async function insertCrmContact(db: Db, row: typeof clientContacts.$inferInsert): Promise<void> {
  await db.insert(clientContacts).values(row);
}

/** Active Ethico users whose lower-cased email is one of `emails` (already lower-cased). */
export async function activeUsersByEmail(db: Db, emails: string[]) {
  return db
    .select({ id: ethicoUsers.id, email: ethicoUsers.email })
    .from(ethicoUsers)
    .where(and(inJson(sql`lower(${ethicoUsers.email})`, emails), eq(ethicoUsers.is_active, true)));
}
