// CRM contacts onto a client's stakeholders (PRD F10 "Pull account details, contacts", "Handling
// Missing Data: Contacts: create placeholder, mark for CSM to update"). The CRM owns who a
// person is (name, email, phone, title); the CSM owns how we work with them (role, champion,
// engagement), so those are never touched by a pull. A contact we already hold is found by its
// CRM id, or else by email within the same client, so a person entered by hand is linked rather
// than duplicated.

export interface CrmContact {
  crm_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
}

export interface OurContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  crm_id: string | null;
}

export type ContactPlan =
  | {
      kind: "create";
      values: { name: string; email: string | null; phone: string | null; title: string | null; needs_review: boolean };
    }
  | {
      kind: "update";
      id: string;
      values: Partial<{
        name: string;
        email: string | null;
        phone: string | null;
        title: string | null;
        crm_id: string;
      }>;
    }
  | { kind: "unchanged"; id: string };

const clean = (s: string | null | undefined) => (s ?? "").trim() || null;

/** A display name; a contact with no name in the CRM is a placeholder named by email or CRM id. */
export function contactName(c: CrmContact, providerLabel: string): { name: string; placeholder: boolean } {
  const name = [clean(c.first_name), clean(c.last_name)].filter(Boolean).join(" ");
  if (name) return { name, placeholder: false };
  return { name: clean(c.email) ?? `Unnamed ${providerLabel} contact ${c.crm_id}`, placeholder: true };
}

export function planContact(c: CrmContact, existing: OurContact[], providerLabel: string): ContactPlan {
  const email = clean(c.email)?.toLowerCase() ?? null;
  const match =
    existing.find((e) => e.crm_id === c.crm_id) ??
    (email ? existing.find((e) => e.email?.toLowerCase() === email && !e.crm_id) : undefined);
  const { name, placeholder } = contactName(c, providerLabel);
  const values = { name, email, phone: clean(c.phone), title: clean(c.title) };
  if (!match) return { kind: "create", values: { ...values, needs_review: true } };
  const changes: Extract<ContactPlan, { kind: "update" }>["values"] = {};
  // A nameless CRM record does not wipe a name the CSM typed.
  if (!placeholder && values.name !== match.name) changes.name = values.name;
  for (const k of ["email", "phone", "title"] as const)
    if (values[k] !== null && values[k] !== match[k]) changes[k] = values[k];
  if (match.crm_id !== c.crm_id) changes.crm_id = c.crm_id;
  return Object.keys(changes).length
    ? { kind: "update", id: match.id, values: changes }
    : { kind: "unchanged", id: match.id };
}

/** The note a new CRM contact carries until a CSM sets the role. */
export const REVIEW_NOTE = (providerLabel: string) => `Added from ${providerLabel}: set the role and engagement.`;
