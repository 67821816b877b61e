import type { EngagementStatus } from "./enums";

// PRD US-015-012 and the ContactRole/EngagementStatus enums: a user with no login for 14+ days
// is INACTIVE; one whose sessions in the last 15 days fell below half of the 15 before is
// DECLINING; anyone else who logs in is ACTIVE.

export const INACTIVE_AFTER_DAYS = 14;

export function engagementStatus(i: {
  daysSinceLogin: number | null;
  sessionsRecent15: number;
  sessionsPrior15: number;
}): EngagementStatus {
  if (i.daysSinceLogin === null || i.daysSinceLogin >= INACTIVE_AFTER_DAYS) return "INACTIVE";
  if (i.sessionsPrior15 > 0 && i.sessionsRecent15 < i.sessionsPrior15 * 0.5) return "DECLINING";
  return "ACTIVE";
}

/** A usage metric's direction: more than ±10% from its baseline. */
export function metricTrend(changePct: number | null): "UP" | "DOWN" | "FLAT" {
  if (changePct === null || Math.abs(changePct) <= 10) return "FLAT";
  return changePct > 0 ? "UP" : "DOWN";
}
