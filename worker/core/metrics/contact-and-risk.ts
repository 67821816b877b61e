import { daysBetween } from "#worker/core/dates";

// THE last contact and THE ARR at risk (issue 17), read by the client header, portfolio,
// summary cards, executive view, briefing, alerts and chat.

/**
 * Whole days since the last CSM touchpoint (clients.last_csm_contact_at, kept by the activity
 * log: the latest non-internal activity), counted in UTC calendar days. A timestamp later than
 * today (a clock skew, a CRM's future-dated entry) counts as today, never as negative days.
 */
export function daysSinceContact(lastContactAt: string | null | undefined, today: string): number | null {
  if (!lastContactAt) return null;
  return Math.max(0, daysBetween(lastContactAt.slice(0, 10), today));
}

/** Health statuses whose ARR counts as "at risk" (PRD: ARR at risk = ARR of at-risk clients). */
export const ARR_AT_RISK_STATUSES = ["AT_RISK", "CRITICAL"] as const;

export function isArrAtRisk(healthStatus: string | null | undefined): boolean {
  return (ARR_AT_RISK_STATUSES as readonly string[]).includes(healthStatus ?? "");
}

/** Sum of ARR of the active clients whose health band is at risk or critical. */
export function arrAtRisk(clients: { health_status: string | null; arr: number | null }[]): number {
  return clients.reduce((t, c) => t + (isArrAtRisk(c.health_status) ? (c.arr ?? 0) : 0), 0);
}
