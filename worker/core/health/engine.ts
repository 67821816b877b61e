import type { HealthStatus, HealthTrend } from "#worker/core/enums";
import type { HealthWeights } from "#worker/core/types";

import { healthStatusFor, healthTrendFor } from "./bands";
import type { EffectiveConfig } from "./config";
import { COMPONENT_KEYS, type ComponentKey, explainComponents } from "./explain";
import type { HealthInputs } from "./score";

// One client's health on one day: components (with their explanations), the weighted overall,
// its band under the applicable config, and the 30-day trend.

export interface HealthEvaluation {
  overall: number | null;
  status: HealthStatus | null;
  trend: HealthTrend;
  trendChange: number;
  components: Record<ComponentKey, { score: number | null; weight: number; effectiveWeight: number; detail: string }>;
}

export function evaluateHealth(
  inputs: HealthInputs,
  config: EffectiveConfig,
  score30DaysAgo: number | null,
): HealthEvaluation {
  const explained = explainComponents(inputs);
  const available = COMPONENT_KEYS.filter((k) => explained[k].score !== null);
  const availableWeight = available.reduce((s, k) => s + config.weights[k], 0);
  let overall: number | null = null;
  if (availableWeight > 0) {
    overall = Math.round(
      available.reduce((s, k) => s + (explained[k].score as number) * config.weights[k], 0) / availableWeight,
    );
  }
  const components = {} as HealthEvaluation["components"];
  for (const k of COMPONENT_KEYS) {
    const score = explained[k].score;
    components[k] = {
      score,
      weight: config.weights[k],
      // The share this component carried after missing ones were spread out (sums to 100).
      effectiveWeight:
        score === null || availableWeight === 0 ? 0 : Math.round((config.weights[k] / availableWeight) * 1000) / 10,
      detail: explained[k].detail,
    };
  }
  const trendChange = overall !== null && score30DaysAgo !== null ? overall - score30DaysAgo : 0;
  return {
    overall,
    status: overall === null ? null : healthStatusFor(overall, config.thresholds),
    trend: healthTrendFor(trendChange),
    trendChange,
    components,
  };
}

/** The PRD's component label: good ≥ 80, fair 60–79, poor below. */
export function componentStatus(score: number | null): "good" | "fair" | "poor" | "unavailable" {
  if (score === null) return "unavailable";
  if (score >= 80) return "good";
  if (score >= 60) return "fair";
  return "poor";
}

export type { HealthWeights };
