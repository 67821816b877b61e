import type { HealthStatus, HealthTrend } from "#worker/core/enums";

export interface HealthThresholds {
  healthy: number;
  monitor: number;
  atRisk: number;
}

/** PRD F3 thresholds: 80+ healthy, 60–79 monitor, 40–59 at risk, below 40 critical. */
export const DEFAULT_THRESHOLDS: HealthThresholds = { healthy: 80, monitor: 60, atRisk: 40 };

export function healthStatusFor(score: number, t: HealthThresholds = DEFAULT_THRESHOLDS): HealthStatus {
  if (score >= t.healthy) return "HEALTHY";
  if (score >= t.monitor) return "MONITOR";
  if (score >= t.atRisk) return "AT_RISK";
  return "CRITICAL";
}

/** Colour band for display (green / yellow / orange / red), same cut-offs as the status. */
export function healthColor(score: number | null): "green" | "yellow" | "orange" | "red" | "gray" {
  if (score === null) return "gray";
  const status = healthStatusFor(score);
  return ({ HEALTHY: "green", MONITOR: "yellow", AT_RISK: "orange", CRITICAL: "red" } as const)[status];
}

/** A move of 3 points or more over the trend window counts as a direction; less is flat. */
export const TREND_DEADBAND = 3;

export function healthTrendFor(change: number): HealthTrend {
  if (change >= TREND_DEADBAND) return "UP";
  if (change <= -TREND_DEADBAND) return "DOWN";
  return "FLAT";
}

/** Churn risk category from a 0–100 probability (PRD US-015-021). */
export function churnRiskCategory(score: number | null): "LOW" | "MEDIUM" | "HIGH" | null {
  if (score === null) return null;
  if (score > 50) return "HIGH";
  if (score >= 20) return "MEDIUM";
  return "LOW";
}
