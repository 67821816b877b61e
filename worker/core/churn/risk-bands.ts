import { churnRiskCategory } from "#worker/core/health/bands";

// Risk categories that mean something in a book where few renewals are lost (docs/decisions/014).
// The PRD's absolute bands (High over 50%, Medium 20–50%) stay: a calibrated 60% is High whatever
// the rest of the book does. But when churn is rare, calibrated probabilities seldom pass 50%, and
// High would be structurally empty while the clients a CSM must call first sit in green. So a
// client is also High when it is in the riskiest tenth of the active book, and at least Medium in
// the riskiest 30%, by today's scores (cut-offs recomputed at every training). A category is the
// higher of the two readings.

export const RELATIVE_HIGH_SHARE = 0.1;
export const RELATIVE_MEDIUM_SHARE = 0.3;

export interface RiskBands {
  /** Lowest score (0–100) inside the riskiest tenth / 30% of the active book. */
  high_cut: number;
  medium_cut: number;
  clients: number;
  as_of: string;
}

export type RiskCategory = "LOW" | "MEDIUM" | "HIGH";

export function riskBandsFor(scores: readonly number[], asOf: string): RiskBands | null {
  if (scores.length < 10) return null;
  const sorted = [...scores].sort((a, b) => b - a);
  const at = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
  // A score of 0 is never "relatively" risky: a book of zeros has no High.
  return {
    high_cut: Math.max(1, at(RELATIVE_HIGH_SHARE)),
    medium_cut: Math.max(1, at(RELATIVE_MEDIUM_SHARE)),
    clients: scores.length,
    as_of: asOf,
  };
}

export function riskCategory(score: number, bands: RiskBands | null): RiskCategory {
  const absolute = churnRiskCategory(score) ?? "LOW";
  if (!bands || absolute === "HIGH") return absolute;
  if (score >= bands.high_cut) return "HIGH";
  if (absolute === "MEDIUM" || score >= bands.medium_cut) return "MEDIUM";
  return "LOW";
}

/** Why a client is in its category, in words (shown beside the badge). */
export function categoryReason(score: number, bands: RiskBands | null): string {
  const c = riskCategory(score, bands);
  if (c === "HIGH")
    return score > 50
      ? "over 50% chance of not renewing"
      : `among the riskiest tenth of the book (${bands!.high_cut}% or more)`;
  if (c === "MEDIUM")
    return score >= 20
      ? "20–50% chance of not renewing"
      : `among the riskiest 30% of the book (${bands!.medium_cut}% or more)`;
  return "under 20% and outside the riskiest 30% of the book";
}
