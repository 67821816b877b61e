import type { RiskFactor } from "#worker/core/types";

// What the AI layer may know about a client: aggregated figures and names of roles, never a
// contact's email address or phone number (those stay in the database). Both the Workers AI
// prompt and the local narrator are built from exactly this.

export interface ClientFacts {
  client: string;
  tier: string;
  industry: string | null;
  arr: number | null;
  days_to_renewal: number | null;
  health: {
    score: number | null;
    status: string;
    change_30d: number;
    components: Record<string, number | null>;
    weakest: { component: string; score: number } | null;
  };
  churn: { risk_pct: number; category: string; factors: RiskFactor[] } | null;
  engagement: {
    last_csm_contact_days: number | null;
    activities_90d: number;
    champion: { name: string; days_since_login: number | null } | null;
    inactive_key_contacts: number;
  };
  /** Open alerts on the client, newest first: the summary cites them, and is rewritten when they change. */
  alerts?: { id: string; type: string; severity: string; title: string }[];
}

/** Any email address or phone number in a string is masked: a prompt never carries one. */
export function redactContactDetails(text: string): string {
  return text
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]")
    .replace(/(?:\+?\d[\d\s().-]{7,}\d)/g, "[phone]");
}
