import type { AdoptionStatus, ContractTier, UsageTrend } from "./enums";
import { adoptionLevel, expectedUsage, FEATURE_CATALOG, isActivelyUsed } from "./feature-catalog";

// A client's feature adoption on a day, from 60 days of daily feature usage (PRD F5).

export interface FeatureUsageWindow {
  licensed: boolean;
  configured: boolean;
  /** Uses in the last 30 days and in the 30 before. */
  last30: number;
  prior30: number;
}

export interface FeatureAdoption {
  feature_key: string;
  adoption_status: AdoptionStatus;
  usage_30_days: number;
  usage_trend: UsageTrend;
  expected_usage: number;
}

/** ±20% against the previous 30 days is a trend; less is stable. */
export function usageTrend(last30: number, prior30: number): UsageTrend {
  if (last30 === 0 && prior30 === 0) return "NO_USE";
  if (last30 > prior30 * 1.2) return "INCREASING";
  if (last30 < prior30 * 0.8) return "DECREASING";
  return "STABLE";
}

export function featureAdoption(tier: ContractTier, windows: Record<string, FeatureUsageWindow>): FeatureAdoption[] {
  return FEATURE_CATALOG.map((f) => {
    const w = windows[f.key] ?? { licensed: false, configured: false, last30: 0, prior30: 0 };
    return {
      feature_key: f.key,
      adoption_status: adoptionLevel(f, { licensed: w.licensed, configured: w.configured, usage30: w.last30 }, tier),
      usage_30_days: w.last30,
      usage_trend: usageTrend(w.last30, w.prior30),
      expected_usage: Math.max(1, Math.round(expectedUsage(f, tier))),
    };
  });
}

/** PRD: adoption score = actively used ÷ licensed × 100 (null when nothing is licensed). */
export function adoptionScoreOf(
  features: FeatureAdoption[],
  licensed: (key: string) => boolean,
): { used: number; licensed: number; score: number | null } {
  const lic = features.filter((f) => licensed(f.feature_key));
  const used = lic.filter((f) => isActivelyUsed(f.adoption_status)).length;
  return { used, licensed: lic.length, score: lic.length ? Math.round((used / lic.length) * 100) : null };
}
