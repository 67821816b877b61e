import type { TicketSeverity } from "#worker/core/enums";
import type { HealthWeights } from "#worker/core/types";

import { explainRelationship, relationshipBreakdown } from "./relationship";
import {
  adoptionScore,
  contractScore,
  EXPECTED_DAU_SHARE,
  type HealthInputs,
  outcomeScore,
  supportScore,
  usageScore,
} from "./score";

// Each component with the words that explain it ("DAU 3.7 vs expected 9"), so any score on any
// day can be traced back to its inputs. An unavailable component says why.

export type ComponentKey = keyof HealthWeights;
export const COMPONENT_KEYS: readonly ComponentKey[] = [
  "usage",
  "adoption",
  "support",
  "relationship",
  "contract",
  "outcome",
];

/** The lowest-scoring available component (first in COMPONENT_KEYS order on a tie), or null. */
export function weakestComponent(
  score: (k: ComponentKey) => number | null,
): { component: ComponentKey; score: number } | null {
  let weakest: { component: ComponentKey; score: number } | null = null;
  for (const k of COMPONENT_KEYS) {
    const v = score(k);
    if (v !== null && (weakest === null || v < weakest.score)) weakest = { component: k, score: v };
  }
  return weakest;
}

export interface ComponentResult {
  score: number | null;
  detail: string;
}

const one = (v: number) => (Math.round(v * 10) / 10).toString();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function ticketSummary(t: Partial<Record<TicketSeverity, number>>): string {
  const parts = (["URGENT", "HIGH", "MEDIUM", "LOW"] as const)
    .filter((s) => (t[s] ?? 0) > 0)
    .map((s) => `${t[s]} ${s.toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

export function explainComponents(i: HealthInputs): Record<ComponentKey, ComponentResult> {
  const expected = Math.max(1, i.totalUsers * EXPECTED_DAU_SHARE);
  const relationship = relationshipBreakdown(i.touchpoints, i.keyStakeholderIds);
  return {
    usage: {
      score: usageScore(i),
      detail:
        i.totalUsers > 0
          ? `DAU ${one(i.avgDau7)} (7-day avg) vs expected ${one(expected)} (${Math.round(EXPECTED_DAU_SHARE * 100)}% of ${plural(i.totalUsers, "user")})`
          : "No registered users yet",
    },
    adoption: {
      score: adoptionScore(i),
      detail:
        i.featuresLicensed > 0
          ? `${i.featuresUsed} of ${plural(i.featuresLicensed, "licensed feature")} in active use`
          : "No licensed features",
    },
    support: {
      score: supportScore(i),
      detail: `Tickets in 30 days: ${ticketSummary(i.tickets30)}${i.csat90 === null ? "" : `; CSAT ${one(i.csat90)}/5 (90 days)`}`,
    },
    relationship: { score: relationship.score, detail: explainRelationship(relationship, i.daysSinceCsmContact) },
    contract: {
      score: contractScore(i),
      detail: `${i.latestNps === null ? "No NPS in the last year" : `Latest NPS ${i.latestNps}`}; payment ${i.paymentStatus.toLowerCase()}`,
    },
    outcome: {
      score: outcomeScore(i),
      detail:
        i.casesCreated90 > 0
          ? `${plural(i.casesClosed90, "case")} closed vs ${i.casesCreated90} opened in 90 days`
          : "No cases logged in 90 days: not scored",
    },
  };
}
