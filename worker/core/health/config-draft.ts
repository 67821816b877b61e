import { CONTRACT_TIERS, type ContractTier, HEALTH_STATUSES, type HealthStatus } from "#worker/core/enums";
import type { ComponentScores, HealthWeights } from "#worker/core/types";

import { healthStatusFor, type HealthThresholds } from "./bands";
import { type HealthConfigRow, resolveHealthConfig } from "./config";
import { overallScore } from "./score";

// The health-score configuration page's pure logic (US-015-020): which scope a configuration
// governs, what a draft would do to the portfolio, and what changed between two versions.

export const WEIGHT_KEYS = ["usage", "adoption", "support", "relationship", "contract", "outcome"] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];
/** The draft's fields as the API and the forms name them. */
export const DRAFT_FIELDS = [
  "usage_weight",
  "adoption_weight",
  "support_weight",
  "relationship_weight",
  "contract_weight",
  "outcome_weight",
  "healthy_threshold",
  "monitor_threshold",
  "at_risk_threshold",
] as const;

export type ConfigScope =
  | { kind: "default" }
  | { kind: "tier"; tier: ContractTier }
  | { kind: "segment"; segment: string }
  | { kind: "client"; clientId: string };

/** The scope as one URL-safe string: "default", "tier:ENTERPRISE", "segment:Public Sector", "client:cli_1". */
export function scopeKey(s: ConfigScope): string {
  if (s.kind === "default") return "default";
  if (s.kind === "tier") return `tier:${s.tier}`;
  if (s.kind === "segment") return `segment:${s.segment}`;
  return `client:${s.clientId}`;
}

export function parseScopeKey(key: string | null | undefined): ConfigScope | null {
  if (!key || key === "default") return { kind: "default" };
  const i = key.indexOf(":");
  const kind = key.slice(0, i);
  const value = key.slice(i + 1).trim();
  if (i < 0 || !value || value.length > 80) return null;
  if (kind === "tier")
    return (CONTRACT_TIERS as readonly string[]).includes(value) ? { kind, tier: value as ContractTier } : null;
  if (kind === "segment") return { kind, segment: value };
  if (kind === "client") return { kind, clientId: value };
  return null;
}

type ScopeColumns = Pick<
  HealthConfigRow,
  "is_default" | "applies_to_tier" | "applies_to_segment" | "applies_to_client_id"
>;

export function scopeOfRow(r: ScopeColumns): ConfigScope {
  if (r.applies_to_client_id) return { kind: "client", clientId: r.applies_to_client_id };
  if (r.applies_to_segment) return { kind: "segment", segment: r.applies_to_segment };
  if (r.applies_to_tier) return { kind: "tier", tier: r.applies_to_tier };
  return { kind: "default" };
}

export function scopeColumns(s: ConfigScope): ScopeColumns {
  return {
    is_default: s.kind === "default",
    applies_to_tier: s.kind === "tier" ? s.tier : null,
    applies_to_segment: s.kind === "segment" ? s.segment : null,
    applies_to_client_id: s.kind === "client" ? s.clientId : null,
  };
}

export const sameScope = (a: ScopeColumns, b: ScopeColumns) => scopeKey(scopeOfRow(a)) === scopeKey(scopeOfRow(b));

export function weightSum(w: HealthWeights): number {
  return WEIGHT_KEYS.reduce((s, k) => s + (Number.isFinite(w[k]) ? w[k] : 0), 0);
}

/** "Weights sum to 95%: add 5 points" — null when the sum is exactly 100. */
export function weightSumProblem(w: HealthWeights): string | null {
  const sum = weightSum(w);
  if (sum === 100) return null;
  return sum < 100
    ? `Weights sum to ${sum}%: add ${100 - sum} points`
    : `Weights sum to ${sum}%: remove ${sum - 100} points`;
}

export interface Formula {
  weights: HealthWeights;
  thresholds: HealthThresholds;
}

export function formulaOf(
  r: Pick<
    HealthConfigRow,
    | "usage_weight"
    | "adoption_weight"
    | "support_weight"
    | "relationship_weight"
    | "contract_weight"
    | "outcome_weight"
    | "healthy_threshold"
    | "monitor_threshold"
    | "at_risk_threshold"
  >,
): Formula {
  return {
    weights: {
      usage: r.usage_weight,
      adoption: r.adoption_weight,
      support: r.support_weight,
      relationship: r.relationship_weight,
      contract: r.contract_weight,
      outcome: r.outcome_weight,
    },
    thresholds: { healthy: r.healthy_threshold, monitor: r.monitor_threshold, atRisk: r.at_risk_threshold },
  };
}

export interface FormulaChange {
  field: string;
  label: string;
  from: number;
  to: number;
}

const THRESHOLD_LABELS = { healthy: "Healthy from", monitor: "Monitor from", atRisk: "At risk from" } as const;

/** What changed from `a` to `b`, weights first, in a fixed order; empty when identical. */
export function formulaDiff(a: Formula, b: Formula): FormulaChange[] {
  const out: FormulaChange[] = [];
  for (const k of WEIGHT_KEYS) {
    if (a.weights[k] !== b.weights[k])
      out.push({
        field: `${k}_weight`,
        label: `${k.charAt(0).toUpperCase()}${k.slice(1)} weight`,
        from: a.weights[k],
        to: b.weights[k],
      });
  }
  for (const k of ["healthy", "monitor", "atRisk"] as const) {
    if (a.thresholds[k] !== b.thresholds[k])
      out.push({
        field: `${k === "atRisk" ? "at_risk" : k}_threshold`,
        label: THRESHOLD_LABELS[k],
        from: a.thresholds[k],
        to: b.thresholds[k],
      });
  }
  return out;
}

export interface PreviewClient {
  id: string;
  name: string;
  contract_tier: ContractTier;
  segment: string | null;
  arr: number;
  current_score: number | null;
  current_status: HealthStatus;
  components: ComponentScores;
}

/**
 * The portfolio under a draft formula for one scope. The draft stands in for that scope's active
 * configuration; a client is governed by it when the usual precedence (client > segment > tier >
 * default) would pick it. Everyone else keeps their current score and band, so the distribution
 * is the whole portfolio's.
 */
export function previewDraft(
  clients: readonly PreviewClient[],
  configs: readonly HealthConfigRow[],
  scope: ConfigScope,
  draft: Formula,
) {
  const key = scopeKey(scope);
  const DRAFT_ID = "\u0000draft";
  const others = configs.filter((c) => !(c.is_active && scopeKey(scopeOfRow(c)) === key));
  const draftRow: HealthConfigRow = {
    id: DRAFT_ID,
    version: Number.MAX_SAFE_INTEGER,
    is_active: true,
    created_at: "9999",
    ...scopeColumns(scope),
    usage_weight: 0,
    adoption_weight: 0,
    support_weight: 0,
    relationship_weight: 0,
    contract_weight: 0,
    outcome_weight: 0,
    healthy_threshold: 0,
    monitor_threshold: 0,
    at_risk_threshold: 0,
  };
  const zero = () => Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  const current = zero();
  const simulated = zero();
  let governed = 0;
  const changes: {
    client_id: string;
    name: string;
    arr: number;
    current_score: number | null;
    current_status: HealthStatus;
    draft_score: number | null;
    draft_status: HealthStatus;
  }[] = [];
  for (const c of clients) {
    current[c.current_status]++;
    const applies =
      resolveHealthConfig([...others, draftRow], { id: c.id, contract_tier: c.contract_tier, segment: c.segment })
        .id === DRAFT_ID;
    if (!applies) {
      simulated[c.current_status]++;
      continue;
    }
    governed++;
    const score = overallScore(c.components, draft.weights);
    const status = score === null ? c.current_status : healthStatusFor(score, draft.thresholds);
    simulated[status]++;
    if (status !== c.current_status)
      changes.push({
        client_id: c.id,
        name: c.name,
        arr: c.arr,
        current_score: c.current_score,
        current_status: c.current_status,
        draft_score: score,
        draft_status: status,
      });
  }
  const shift = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, simulated[s] - current[s]])) as Record<
    HealthStatus,
    number
  >;
  // Worse news first (a drop into Critical), then the biggest accounts.
  const rank = (s: HealthStatus) => HEALTH_STATUSES.indexOf(s);
  changes.sort(
    (a, b) =>
      rank(b.draft_status) - rank(b.current_status) - (rank(a.draft_status) - rank(a.current_status)) ||
      b.arr - a.arr ||
      a.name.localeCompare(b.name),
  );
  return {
    clients: clients.length,
    governed,
    distribution: { current, simulated, shift },
    clients_changing_band: changes.length,
    changes,
  };
}
