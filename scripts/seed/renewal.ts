import type { PaymentStatus } from "#worker/core/enums";

import type { ClientProfile } from "./profile";
import type { Rng } from "./random";

// The hidden truth of the demo world: how likely a client is to leave at its anniversary.
// The churn model (a later issue) never sees this function, only the data it leaves behind.

export interface RenewalState {
  eHistory: number[];
  ticketsHigh30: number;
  tickets30: number;
  daysSinceContact: number;
  latestNps: number | null;
  payment: PaymentStatus;
  tenureDays: number;
}

export function decideRenewal(rng: Rng, p: ClientProfile, s: RenewalState) {
  const recent = s.eHistory.slice(-60);
  const eAvg60 = recent.reduce((a, b) => a + b, 0) / recent.length;
  const earlier = s.eHistory.slice(-120, -60);
  const eDrop = earlier.length ? earlier.reduce((a, b) => a + b, 0) / earlier.length - eAvg60 : 0;
  const logit =
    -2.3 +
    5.5 * (0.55 - eAvg60) +
    3.0 * Math.max(0, eDrop) +
    0.35 * Math.min(4, s.ticketsHigh30) +
    Math.min(1.4, 0.025 * Math.max(0, s.daysSinceContact - 30)) +
    (s.latestNps !== null && s.latestNps <= 6 ? 0.6 : 0) +
    (s.payment === "DELINQUENT" ? 1.4 : s.payment === "LATE" ? 0.6 : 0) -
    0.12 * Math.min(5, s.tenureDays / 365);
  const probability = 1 / (1 + Math.exp(-logit));
  // The story clients are mid-contract in the PRD: their past anniversaries renewed.
  const churned = p.story === null && rng.chance(probability);
  return {
    outcome: churned ? ("CHURNED" as const) : ("RENEWED" as const),
    probability,
    features: {
      engagement_60d: round(eAvg60),
      engagement_drop: round(eDrop),
      high_tickets_30d: s.ticketsHigh30,
      tickets_30d: s.tickets30,
      days_since_csm_contact: s.daysSinceContact,
      latest_nps: s.latestNps,
    },
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
