import { daysBetween } from "./dates";

// A personalised outreach email from the client's computed facts (PRD F2 "Draft Email"): to
// the right contact (the champion when disengaged, else the primary, else the sponsor), with a
// reason taken from what is actually wrong. Deterministic; the AI layer may reword it later.

export interface DraftContact {
  id: string;
  name: string;
  email: string | null;
  role: string;
  is_primary: boolean;
  last_platform_login: string | null;
}

export interface DraftFacts {
  clientName: string;
  csmName: string;
  today: string;
  daysToRenewal: number | null;
  healthTrendChange: number;
  weakestComponent: string | null;
  contacts: DraftContact[];
}

export interface EmailDraft {
  to: { contact_id: string; name: string; email: string | null } | null;
  subject: string;
  body: string;
  reasons: string[];
}

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

export function pickRecipient(contacts: DraftContact[]): DraftContact | null {
  return (
    contacts.find((c) => c.role === "CHAMPION") ??
    contacts.find((c) => c.is_primary) ??
    contacts.find((c) => c.role === "EXECUTIVE_SPONSOR") ??
    contacts[0] ??
    null
  );
}

const COMPONENT_ASK: Record<string, string> = {
  usage:
    "I noticed activity on the platform has dipped recently, and I'd like to understand whether anything is getting in your team's way.",
  adoption:
    "Some of the modules in your plan are not in use yet, and I'd be glad to show your team how peers get value from them.",
  support:
    "I saw your team has had a run of support tickets lately, and I want to make sure each one gets properly resolved.",
  relationship: "It has been a while since we last spoke, and I'd value hearing how things are going on your side.",
  contract: "With your plan's details in mind, I'd like to make sure it still fits how your team works.",
  outcome: "I'd like to review the results you're seeing against the goals we set together.",
};

export function draftOutreachEmail(f: DraftFacts): EmailDraft {
  const to = pickRecipient(f.contacts);
  const reasons: string[] = [];
  const lines: string[] = [];
  const inactiveDays = to?.last_platform_login ? daysBetween(to.last_platform_login, f.today) : null;
  if (f.weakestComponent && COMPONENT_ASK[f.weakestComponent]) {
    lines.push(COMPONENT_ASK[f.weakestComponent]);
    reasons.push(`weakest health component: ${f.weakestComponent}`);
  }
  if (inactiveDays !== null && inactiveDays >= 14) reasons.push(`${to?.name} last logged in ${inactiveDays} days ago`);
  if (f.healthTrendChange <= -5) reasons.push(`health ${f.healthTrendChange} points in 30 days`);
  const renewalSoon = f.daysToRenewal !== null && f.daysToRenewal >= 0 && f.daysToRenewal <= 120;
  if (renewalSoon) {
    lines.push(
      `Your renewal comes up in about ${Math.max(1, Math.round(f.daysToRenewal! / 7))} weeks, so it's a good moment to look at what's working and what we can improve before then.`,
    );
    reasons.push(`renewal in ${f.daysToRenewal} days`);
  }
  if (lines.length === 0)
    lines.push("I'd like to catch up on how things are going and share a few ideas other teams have found useful.");
  const subject = renewalSoon
    ? `${f.clientName}: time for a check-in before your renewal`
    : `${f.clientName}: quick check-in`;
  const greeting = to ? `Hi ${firstName(to.name)},` : "Hi,";
  const body = [
    greeting,
    "",
    ...lines,
    "",
    "Would you have 30 minutes in the next week or two? Let me know a time that suits you, or reply with anything you'd like me to look into beforehand.",
    "",
    "Best regards,",
    f.csmName,
  ].join("\n");
  return { to: to ? { contact_id: to.id, name: to.name, email: to.email } : null, subject, body, reasons };
}
