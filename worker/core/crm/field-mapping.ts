// What the app writes to each CRM (PRD F10 "Field Mapping (Salesforce)"; HubSpot "similar
// patterns"): our field → the CRM field. Ethico is the source of truth for these health fields;
// the CRM is for contract data (name, industry, revenue, owner, renewal), read on pull.

export const CRM_PROVIDERS = ["salesforce", "hubspot"] as const;
export type CrmProvider = (typeof CRM_PROVIDERS)[number];

/** The app's fields that are pushed, in a fixed order. */
export const PUSHED_FIELDS = ["health_score", "health_status", "churn_risk", "last_csm_activity", "csm_owner"] as const;
export type PushedField = (typeof PUSHED_FIELDS)[number];
export type FieldMapping = Record<PushedField, string>;

export const DEFAULT_MAPPING: Record<CrmProvider, FieldMapping> = {
  salesforce: {
    health_score: "Health_Score__c",
    health_status: "Health_Status__c",
    churn_risk: "Churn_Risk__c",
    last_csm_activity: "Last_CSM_Activity__c",
    csm_owner: "CSM_Owner__c",
  },
  hubspot: {
    health_score: "health_score",
    health_status: "health_status",
    churn_risk: "churn_risk",
    last_csm_activity: "last_csm_activity",
    csm_owner: "csm_owner",
  },
};

/** API names the CRMs accept for custom fields and properties (letters, digits, underscores). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export function mappingFor(provider: CrmProvider, overrides: Partial<FieldMapping> | null | undefined): FieldMapping {
  return {
    ...DEFAULT_MAPPING[provider],
    ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => typeof v === "string" && v)),
  };
}

/** Two of our fields written to one CRM field would overwrite each other. */
export function mappingProblems(m: FieldMapping): { field: string; message: string }[] {
  const seen = new Map<string, string>();
  const problems: { field: string; message: string }[] = [];
  for (const f of PUSHED_FIELDS) {
    const target = m[f].toLowerCase();
    if (seen.has(target))
      problems.push({
        field: `field_mapping.${f}`,
        message: `maps to ${m[f]}, which ${seen.get(target)} already uses`,
      });
    else seen.set(target, f);
  }
  return problems;
}
