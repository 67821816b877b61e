import { addDays, daysBetween, isoDate } from "#worker/core/dates";
import { engagementStatus } from "#worker/core/engagement";
import type { EngagementStatus } from "#worker/core/enums";
import { AppError, notFound } from "#worker/core/errors";
import type { ContactUpdate, NewContact } from "#worker/core/inputs/notes-contacts";
import type { Db } from "#worker/db/client";
import {
  type ContactRow,
  contactWithClient,
  deactivateContact,
  insertContact,
  listClientContacts,
  platformUserOfClient,
  updateContactFields,
  userSessionDays,
} from "#worker/db/queries/contacts";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope, recordInScope } from "./client-access";

// Key stakeholders (PRD ClientContact). Removing a contact keeps it for history (activities
// point at it) and marks it inactive. Email and phone are shown only here, to people who may
// see the client, and never go to logs or AI prompts.

export async function listContacts(db: Db, user: EthicoUserRow, clientId: string, includeInactive: boolean) {
  const client = await clientInScope(db, user, clientId, { action: "list", resourceType: "contact" });
  const rows = await listClientContacts(db, client.id, includeInactive);
  await recordAudit(db, { user, action: "list", resourceType: "contact", resourceId: client.id, outcome: "SUCCESS" });
  return { data: rows };
}

/** Last login and engagement of the linked platform user (INACTIVE when there is none). */
async function engagementOf(
  db: Db,
  clientId: string,
  userId: string | null,
  now: Date,
): Promise<{ last: string | null; status: EngagementStatus }> {
  if (!userId) return { last: null, status: "INACTIVE" };
  const today = isoDate(now);
  const days = await userSessionDays(db, clientId, userId);
  const last = days.reduce<string | null>((m, d) => (m === null || d.date > m ? d.date : m), null);
  const sum = (from: number, to: number) =>
    days
      .filter((d) => d.date >= addDays(today, from) && d.date <= addDays(today, to))
      .reduce((s, d) => s + d.sessions, 0);
  return {
    last: last && `${last}T00:00:00.000Z`,
    status: engagementStatus({
      daysSinceLogin: last ? daysBetween(last, today) : null,
      sessionsRecent15: sum(-14, 0),
      sessionsPrior15: sum(-29, -15),
    }),
  };
}

async function checkUser(db: Db, clientId: string, userId: string | null | undefined) {
  if (!userId) return;
  const u = await platformUserOfClient(db, clientId, userId);
  if (!u)
    throw new AppError("UNPROCESSABLE", "user_id is not a platform user of this client", [
      { field: "user_id", message: `unknown user ${userId}` },
    ]);
}

export async function addContact(db: Db, user: EthicoUserRow, clientId: string, input: NewContact, now: Date) {
  const client = await clientInScope(db, user, clientId, { action: "create", resourceType: "contact" });
  await checkUser(db, client.id, input.user_id);
  const stamp = now.toISOString();
  const engagement = await engagementOf(db, client.id, input.user_id ?? null, now);
  const row: ContactRow = {
    id: crypto.randomUUID(),
    client_id: client.id,
    name: input.name,
    email: input.email?.toLowerCase() ?? null,
    phone: input.phone ?? null,
    title: input.title ?? null,
    role: input.role,
    is_primary: input.is_primary ?? false,
    is_billing: input.is_billing ?? false,
    is_technical: input.is_technical ?? false,
    last_platform_login: engagement.last,
    last_csm_contact: null,
    engagement_status: engagement.status,
    user_id: input.user_id ?? null,
    salesforce_contact_id: null,
    hubspot_contact_id: null,
    needs_review: false,
    notes: input.notes ?? null,
    is_active: true,
    left_company_at: null,
    created_at: stamp,
    updated_at: stamp,
  };
  // One primary contact per client: a new primary clears the flag elsewhere (same transaction).
  await insertContact(db, row);
  await recordAudit(db, {
    user,
    action: "create",
    resourceType: "contact",
    resourceId: row.id,
    outcome: "SUCCESS",
    details: { client_id: client.id, role: row.role },
  });
  return row;
}

async function contactInScope(db: Db, user: EthicoUserRow, contactId: string, action: string): Promise<ContactRow> {
  const found = await contactWithClient(db, contactId);
  return (await recordInScope(db, user, found, { action, resourceType: "contact", resourceId: contactId }, "Contact"))
    .contact;
}

export async function updateContact(db: Db, user: EthicoUserRow, contactId: string, input: ContactUpdate, now: Date) {
  const contact = await contactInScope(db, user, contactId, "update");
  if (input.user_id !== undefined) await checkUser(db, contact.client_id, input.user_id);
  // Only the fields sent (and what follows from them) are written, not the row as read: a
  // parallel edit of another field, or another contact made primary meanwhile, is kept.
  const changed: Partial<ContactRow> = {
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    updated_at: now.toISOString(),
  };
  if (input.email) changed.email = input.email.toLowerCase();
  // A CSM who sets the role of a contact the CRM added has reviewed it.
  if (input.role !== undefined) changed.needs_review = false;
  if (input.user_id !== undefined) {
    const e = await engagementOf(db, contact.client_id, input.user_id ?? null, now);
    changed.last_platform_login = e.last;
    changed.engagement_status = e.status;
  }
  const stored = await updateContactFields(db, contact, changed);
  if (!stored) throw notFound("Contact");
  const next: ContactRow = stored;
  await recordAudit(db, {
    user,
    action: "update",
    resourceType: "contact",
    resourceId: contact.id,
    outcome: "SUCCESS",
    details: { fields: Object.keys(input) },
  });
  return next;
}

export async function removeContact(db: Db, user: EthicoUserRow, contactId: string, now: Date) {
  const contact = await contactInScope(db, user, contactId, "delete");
  if (!contact.is_active) throw notFound("Contact");
  const stamp = now.toISOString();
  await deactivateContact(db, contact.id, stamp);
  await recordAudit(db, {
    user,
    action: "delete",
    resourceType: "contact",
    resourceId: contact.id,
    outcome: "SUCCESS",
    details: { client_id: contact.client_id },
  });
}
