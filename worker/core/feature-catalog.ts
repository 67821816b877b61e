import type { AdoptionStatus, ContractTier, Module } from "./enums";

// PRD F5 "Features Tracked": what each feature is and how much use is expected of it.
// Expected usage is per 30 days; quarterly and yearly expectations are prorated.

export interface FeatureDef {
  key: string;
  name: string;
  module: Module;
  /** Expected uses per 30 days at full adoption. */
  expectedPer30Days: number;
  metric: string;
}

export const FEATURE_CATALOG: readonly FeatureDef[] = [
  {
    key: "case_creation",
    name: "Case Creation",
    module: "CASE_MANAGEMENT",
    expectedPer30Days: 10,
    metric: "cases created",
  },
  {
    key: "investigation_workflow",
    name: "Investigation Workflow",
    module: "CASE_MANAGEMENT",
    expectedPer30Days: 5,
    metric: "investigations",
  },
  {
    key: "disclosure_campaign",
    name: "Campaign Launch",
    module: "DISCLOSURES",
    expectedPer30Days: 1 / 3,
    metric: "campaigns launched",
  },
  {
    key: "disclosure_review",
    name: "Disclosure Review",
    module: "DISCLOSURES",
    expectedPer30Days: 20,
    metric: "disclosures reviewed",
  },
  {
    key: "policy_publish",
    name: "Policy Publish",
    module: "POLICY_MANAGEMENT",
    expectedPer30Days: 1 / 3,
    metric: "policies published",
  },
  {
    key: "attestation_campaign",
    name: "Attestation Campaign",
    module: "POLICY_MANAGEMENT",
    expectedPer30Days: 1 / 12,
    metric: "attestation campaigns",
  },
  {
    key: "dashboard_views",
    name: "Dashboard Views",
    module: "ANALYTICS",
    expectedPer30Days: 20,
    metric: "dashboard views",
  },
  {
    key: "report_exports",
    name: "Report Exports",
    module: "ANALYTICS",
    expectedPer30Days: 2,
    metric: "reports exported",
  },
  {
    key: "chatbot_conversations",
    name: "Conversation Volume",
    module: "CHATBOT",
    expectedPer30Days: 10,
    metric: "conversations",
  },
  { key: "api_calls", name: "API Calls", module: "API", expectedPer30Days: 1, metric: "API calls" },
];

export const MODULE_NAMES: Record<Module, string> = {
  CASE_MANAGEMENT: "Case Management",
  DISCLOSURES: "Disclosures",
  POLICY_MANAGEMENT: "Policy Management",
  ANALYTICS: "Analytics",
  CHATBOT: "Chatbot",
  API: "API",
};

/**
 * Expected uses in 30 days for a client of this tier. Volume features (cases, reviews, views,
 * exports, conversations) scale with the size of the deployment; cadence features (campaigns,
 * policy publishing) and "any API use" do not.
 */
const TIER_SCALE: Record<ContractTier, number> = { STARTER: 0.5, PROFESSIONAL: 1, ENTERPRISE: 2, CUSTOM: 3 };
const CADENCE_FEATURES = new Set(["disclosure_campaign", "policy_publish", "attestation_campaign", "api_calls"]);

export function expectedUsage(f: Pick<FeatureDef, "key" | "expectedPer30Days">, tier: ContractTier): number {
  return CADENCE_FEATURES.has(f.key) ? f.expectedPer30Days : f.expectedPer30Days * TIER_SCALE[tier];
}

/**
 * PRD adoption levels: not licensed, not configured, no use in 30 days, then light (<25% of
 * expected), active (25–75%), power (>75%). API use of any amount counts as adopted.
 */
export function adoptionLevel(
  f: Pick<FeatureDef, "key" | "expectedPer30Days">,
  state: { licensed: boolean; configured: boolean; usage30: number },
  tier: ContractTier = "PROFESSIONAL",
): AdoptionStatus {
  if (!state.licensed) return "NOT_LICENSED";
  if (!state.configured) return "NOT_CONFIGURED";
  if (state.usage30 <= 0) return "NOT_USED";
  if (f.key === "api_calls") return "POWER_USE";
  const share = state.usage30 / expectedUsage(f, tier);
  if (share < 0.25) return "LIGHT_USE";
  if (share <= 0.75) return "ACTIVE_USE";
  return "POWER_USE";
}

/** Features counted as "actively used" for the adoption score. */
export function isActivelyUsed(status: AdoptionStatus): boolean {
  return status === "ACTIVE_USE" || status === "POWER_USE";
}
