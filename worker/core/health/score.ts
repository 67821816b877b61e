import type { PaymentStatus, TicketSeverity } from "#worker/core/enums";
import type { ComponentScores, HealthWeights } from "#worker/core/types";

import { relationshipBreakdown, type Touchpoint } from "./relationship";

// PRD F3: each component is normalised to 0–100, then weighted. A component whose data is
// missing is null and its weight is shared among the others (PRD "graceful degradation"),
// rather than counted as zero, which would punish a client for a gap in our data.

export const DEFAULT_WEIGHTS: HealthWeights = {
  usage: 25,
  adoption: 20,
  support: 15,
  relationship: 15,
  contract: 15,
  outcome: 10,
};

export interface HealthInputs {
  /** Average DAU over the last 7 days. */
  avgDau7: number;
  /** Registered users; expected DAU is a share of them. */
  totalUsers: number;
  featuresLicensed: number;
  /** Licensed features with use in the last 30 days. */
  featuresUsed: number;
  /** Tickets opened in the last 30 days, by severity. */
  tickets30: Partial<Record<TicketSeverity, number>>;
  /** Average CSAT (1–5) over the last 90 days, null if none. */
  csat90: number | null;
  daysSinceCsmContact: number | null;
  /** CSM touchpoints of the last 90 days (internal discussions are ignored by the scoring). */
  touchpoints: Touchpoint[];
  /** The client's active key stakeholders (champion, executive sponsor, admin). */
  keyStakeholderIds: string[];
  /** Latest NPS answer (0–10) in the last year, null if none. */
  latestNps: number | null;
  paymentStatus: PaymentStatus;
  casesCreated90: number;
  casesClosed90: number;
}

/** Expected DAU: a quarter of registered users active on an average day (weekends included) is full marks. */
export const EXPECTED_DAU_SHARE = 0.25;

const SEVERITY_WEIGHT: Record<TicketSeverity, number> = { LOW: 1, MEDIUM: 2, HIGH: 4, URGENT: 8 };

const clamp = (v: number) => Math.max(0, Math.min(100, v));

export function usageScore(i: Pick<HealthInputs, "avgDau7" | "totalUsers">): number | null {
  if (i.totalUsers <= 0) return null;
  const expected = Math.max(1, i.totalUsers * EXPECTED_DAU_SHARE);
  return Math.round(clamp((i.avgDau7 / expected) * 100));
}

export function adoptionScore(i: Pick<HealthInputs, "featuresLicensed" | "featuresUsed">): number | null {
  if (i.featuresLicensed <= 0) return null;
  return Math.round(clamp((i.featuresUsed / i.featuresLicensed) * 100));
}

/** 100 minus a ticket load: severity-weighted tickets per 10 users over 30 days, eased by CSAT. */
export function supportScore(i: Pick<HealthInputs, "tickets30" | "csat90" | "totalUsers">): number {
  let load = 0;
  for (const [sev, n] of Object.entries(i.tickets30)) load += SEVERITY_WEIGHT[sev as TicketSeverity] * (n ?? 0);
  const per10Users = load / Math.max(1, i.totalUsers / 10);
  const ticketScore = Math.min(100, per10Users * 12);
  const csatAdjust = i.csat90 === null ? 0 : (i.csat90 - 3) * 5; // ±10 for CSAT 5 or 1
  return Math.round(clamp(100 - ticketScore + csatAdjust));
}

/** 60% touchpoint engagement (kind × who × substance, decayed) + 40% key stakeholder coverage: see health/relationship.ts. */
export function relationshipScore(i: Pick<HealthInputs, "touchpoints" | "keyStakeholderIds">): number {
  return relationshipBreakdown(i.touchpoints, i.keyStakeholderIds).score;
}

const PAYMENT_SCORE: Record<PaymentStatus, number> = { CURRENT: 100, LATE: 50, DELINQUENT: 0 };

export function contractScore(i: Pick<HealthInputs, "latestNps" | "paymentStatus">): number {
  const payment = PAYMENT_SCORE[i.paymentStatus];
  if (i.latestNps === null) return payment === 100 ? 75 : Math.round(0.4 * payment + 0.6 * 60);
  return Math.round(clamp(0.6 * i.latestNps * 10 + 0.4 * payment));
}

/** Case resolution rate over 90 days; null when the client logged no cases (nothing to judge). */
export function outcomeScore(i: Pick<HealthInputs, "casesCreated90" | "casesClosed90">): number | null {
  if (i.casesCreated90 <= 0) return null;
  return Math.round(clamp((i.casesClosed90 / i.casesCreated90) * 100));
}

export function componentScores(i: HealthInputs): ComponentScores {
  return {
    usage: usageScore(i),
    adoption: adoptionScore(i),
    support: supportScore(i),
    relationship: relationshipScore(i),
    contract: contractScore(i),
    outcome: outcomeScore(i),
  };
}

/** Weighted sum over the components that have data; null if none has. */
export function overallScore(c: ComponentScores, w: HealthWeights = DEFAULT_WEIGHTS): number | null {
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(w) as (keyof HealthWeights)[]) {
    const score = c[key];
    if (score === null) continue;
    sum += score * w[key];
    weight += w[key];
  }
  return weight === 0 ? null : Math.round(sum / weight);
}
