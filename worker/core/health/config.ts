import type { ContractTier } from "#worker/core/enums";
import type { HealthWeights } from "#worker/core/types";

import { DEFAULT_THRESHOLDS, type HealthThresholds } from "./bands";
import { DEFAULT_WEIGHTS } from "./score";

// Which health-score configuration applies to a client. Precedence (most specific wins):
// per-client override > segment > tier > default. Only active versions take part; when two
// active configs tie on specificity, the newer version wins.

export interface HealthConfigRow {
  id: string;
  version: number;
  is_active: boolean;
  is_default: boolean;
  applies_to_tier: ContractTier | null;
  applies_to_segment: string | null;
  applies_to_client_id: string | null;
  usage_weight: number;
  adoption_weight: number;
  support_weight: number;
  relationship_weight: number;
  contract_weight: number;
  outcome_weight: number;
  healthy_threshold: number;
  monitor_threshold: number;
  at_risk_threshold: number;
  created_at: string;
}

export interface EffectiveConfig {
  id: string | null;
  version: number | null;
  scope: "client" | "segment" | "tier" | "default" | "built-in";
  weights: HealthWeights;
  thresholds: HealthThresholds;
}

export const BUILT_IN_CONFIG: EffectiveConfig = {
  id: null,
  version: null,
  scope: "built-in",
  weights: DEFAULT_WEIGHTS,
  thresholds: DEFAULT_THRESHOLDS,
};

export function toEffective(row: HealthConfigRow, scope: EffectiveConfig["scope"]): EffectiveConfig {
  return {
    id: row.id,
    version: row.version,
    scope,
    weights: {
      usage: row.usage_weight,
      adoption: row.adoption_weight,
      support: row.support_weight,
      relationship: row.relationship_weight,
      contract: row.contract_weight,
      outcome: row.outcome_weight,
    },
    thresholds: { healthy: row.healthy_threshold, monitor: row.monitor_threshold, atRisk: row.at_risk_threshold },
  };
}

export function resolveHealthConfig(
  configs: readonly HealthConfigRow[],
  client: { id: string; contract_tier: ContractTier; segment: string | null },
): EffectiveConfig {
  const active = configs.filter((c) => c.is_active);
  const newest = (list: HealthConfigRow[]) =>
    list.sort((a, b) => b.version - a.version || b.created_at.localeCompare(a.created_at))[0];
  const byClient = newest(active.filter((c) => c.applies_to_client_id === client.id));
  if (byClient) return toEffective(byClient, "client");
  const bySegment = client.segment
    ? newest(active.filter((c) => !c.applies_to_client_id && c.applies_to_segment === client.segment))
    : undefined;
  if (bySegment) return toEffective(bySegment, "segment");
  const byTier = newest(
    active.filter(
      (c) => !c.applies_to_client_id && !c.applies_to_segment && c.applies_to_tier === client.contract_tier,
    ),
  );
  if (byTier) return toEffective(byTier, "tier");
  const byDefault = newest(
    active.filter((c) => c.is_default && !c.applies_to_client_id && !c.applies_to_segment && !c.applies_to_tier),
  );
  return byDefault ? toEffective(byDefault, "default") : BUILT_IN_CONFIG;
}

/** Problems with proposed weights and thresholds, empty when valid (422 otherwise). */
export function validateConfig(weights: HealthWeights, thresholds: HealthThresholds): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(weights)) {
    if (!Number.isInteger(v) || v < 0 || v > 100) problems.push(`${k} weight must be a whole number from 0 to 100`);
  }
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (sum !== 100) problems.push(`weights must sum to 100, they sum to ${sum}`);
  const { healthy, monitor, atRisk } = thresholds;
  if (![healthy, monitor, atRisk].every((t) => Number.isInteger(t) && t >= 1 && t <= 100))
    problems.push("thresholds must be whole numbers from 1 to 100");
  else if (!(atRisk < monitor && monitor < healthy)) problems.push("thresholds must rise: at_risk < monitor < healthy");
  return problems;
}
