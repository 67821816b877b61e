import * as v from "valibot";

import { CONTRACT_TIERS } from "#worker/core/enums";

import { wholeNumber } from "./parse";

// Bodies of /config/health-score (US-015-020): create a scope's first formula, save a new
// version of one, simulate one. Whether the numbers make a valid formula (weights summing to
// 100, ordered thresholds) is core/health/config.ts's question, asked after these.

const weight = v.optional(wholeNumber);
const threshold = weight;
export const HealthFormulaFields = {
  usage_weight: weight,
  adoption_weight: weight,
  support_weight: weight,
  relationship_weight: weight,
  contract_weight: weight,
  outcome_weight: weight,
  healthy_threshold: threshold,
  monitor_threshold: threshold,
  at_risk_threshold: threshold,
};
const text = (max: number) =>
  v.pipe(
    v.string("must be a string"),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );

export const HealthConfigCreateSchema = v.strictObject(
  {
    name: text(100),
    description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
    is_default: v.optional(v.boolean()),
    applies_to_tier: v.optional(v.nullable(v.picklist(CONTRACT_TIERS, `must be one of ${CONTRACT_TIERS.join(", ")}`))),
    applies_to_segment: v.optional(v.nullable(text(80))),
    applies_to_client_id: v.optional(v.nullable(text(64))),
    ...HealthFormulaFields,
  },
  "is not a known field",
);
export const HealthConfigUpdateSchema = v.strictObject(
  {
    name: v.optional(text(100)),
    description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500)))),
    ...HealthFormulaFields,
  },
  "is not a known field",
);
export const HealthConfigSimulateSchema = v.strictObject(
  { ...HealthFormulaFields, filter: v.optional(v.record(v.string(), v.string())) },
  "is not a known field",
);

export type HealthConfigCreateInput = v.InferOutput<typeof HealthConfigCreateSchema>;
export type HealthConfigUpdateInput = v.InferOutput<typeof HealthConfigUpdateSchema>;
export type HealthConfigSimulateInput = v.InferOutput<typeof HealthConfigSimulateSchema>;

/** The refusal's message names the configuration ("Invalid configuration"). */
export const HEALTH_CONFIG_INPUT = "configuration";
