import { daysBetween, isoDate } from "#worker/core/dates";
import { draftOutreachEmail, type EmailDraft } from "#worker/core/email-draft";
import { weakestComponent } from "#worker/core/health/explain";
import type { Db } from "#worker/db/client";
import { activeContactsOf } from "#worker/db/queries/contacts";
import { latestSnapshot } from "#worker/db/queries/health-read";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope } from "./client-access";

// "Draft Email" (PRD F2): an outreach email for the signed-in CSM to send from their own mail
// app. The recipient's address is shown only to someone who may see the client.

export async function draftClientEmail(db: Db, user: EthicoUserRow, clientId: string, now: Date): Promise<EmailDraft> {
  const client = await clientInScope(db, user, clientId, { action: "draft_email", resourceType: "client" });
  const [contacts, snapshot] = await Promise.all([activeContactsOf(db, client.id), latestSnapshot(db, client.id)]);
  const weakest = snapshot ? weakestComponent((k) => snapshot[`${k}_score`]) : null;
  const today = isoDate(now);
  const draft = draftOutreachEmail({
    clientName: client.name,
    csmName: `${user.first_name} ${user.last_name}`,
    today,
    daysToRenewal: client.next_renewal_date ? daysBetween(today, client.next_renewal_date) : null,
    healthTrendChange: client.health_trend_change,
    // Only a component that is actually weak is worth naming in an email.
    weakestComponent: weakest && weakest.score < 70 ? weakest.component : null,
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      role: c.role,
      is_primary: c.is_primary,
      last_platform_login: c.last_platform_login,
    })),
  });
  // The audit keeps who drafted for whom, never the address itself.
  await recordAudit(db, {
    user,
    action: "draft_email",
    resourceType: "client",
    resourceId: client.id,
    outcome: "SUCCESS",
    details: { contact_id: draft.to?.contact_id ?? null },
  });
  return draft;
}
