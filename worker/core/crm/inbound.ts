import * as v from "valibot";

import { accountName, arrUsd, contractDate, industryLabel } from "#worker/core/inputs/client-fields";

import { type FieldMapping, PUSHED_FIELDS, type PushedField } from "./field-mapping";

// A CRM's change to an account, read by the PRD's rules ("Data Mapping from CRM", "Handling
// Missing Data", F10 conflict resolution): the CRM is the source of truth for contract data
// (industry, revenue as ARR, renewal date), Ethico for health data (a CRM edit of a pushed field
// is overruled and pushed again), and for the shared field, the name, the most recent change
// wins. Every disagreement is written down with both values and the winner.

export const TAXONOMY = [
  "Manufacturing",
  "Energy",
  "Retail",
  "Education",
  "Hospitality",
  "Healthcare",
  "Financial Services",
  "Technology",
  "Insurance",
  "Pharmaceuticals",
  "Transportation",
  "Government",
] as const;

/** CRM industry labels (Salesforce picklist values, HubSpot enums) onto our taxonomy; "Other" when missing or unknown. */
const INDUSTRY_WORDS: [RegExp, (typeof TAXONOMY)[number]][] = [
  [/manufactur|machinery|industrial|automotive|electronics|chemicals/i, "Manufacturing"],
  [/energy|utilit|oil|gas|renewable|mining/i, "Energy"],
  [/retail|consumer|apparel|wholesale/i, "Retail"],
  [/educat|universit|school|e-?learning|academ/i, "Education"],
  [/hospitality|hotel|restaurant|leisure|travel|food/i, "Hospitality"],
  [/health|hospital|medical|clinic/i, "Healthcare"],
  [/bank|financ|capital|invest|credit|fintech/i, "Financial Services"],
  [/tech|software|computer|internet|telecom|information/i, "Technology"],
  [/insur/i, "Insurance"],
  [/pharma|biotech|life science/i, "Pharmaceuticals"],
  [/transport|logistic|shipping|airline|aviation|rail|freight/i, "Transportation"],
  [/government|public sector|municipal|federal|military|defense/i, "Government"],
];

export function mapIndustry(raw: string | null | undefined): string {
  const s = (raw ?? "").replace(/_/g, " ").trim();
  if (!s) return "Other";
  // Insurance and pharma before the broader health and finance words.
  for (const [re, label] of [INDUSTRY_WORDS[8], INDUSTRY_WORDS[9], ...INDUSTRY_WORDS]) if (re.test(s)) return label;
  return "Other";
}

export interface CrmAccountChange {
  crm_id: string;
  /** When the CRM changed it (epoch ms or ISO). */
  modified_at: string;
  /**
   * Only the fields the change carries: absent means "not part of this change". Contract values
   * arrive as the CRM sent them (any type) and are checked by planInbound with the app's schemas.
   */
  fields: {
    name?: unknown;
    industry?: unknown;
    annual_revenue?: unknown;
    renewal_date?: unknown;
    owner?: CrmOwner | null;
    pushed?: Partial<Record<PushedField, unknown>>;
  };
}

/** Contract values after the app's schemas (core/inputs/client-fields.ts). */
interface CheckedFields {
  name?: string | null;
  industry?: string | null;
  annual_revenue?: number | null;
  renewal_date?: string | null;
}

const CHECKS = [
  { key: "name", column: "name", schema: accountName },
  { key: "industry", column: "industry", schema: industryLabel },
  { key: "annual_revenue", column: "annual_recurring_revenue", schema: arrUsd },
  { key: "renewal_date", column: "next_renewal_date", schema: contractDate },
] as const;

/** What a conflict row keeps of a refused raw value: its text, at most 500 characters. */
export function rawText(raw: unknown): string {
  const s = typeof raw === "string" ? raw : (JSON.stringify(raw) ?? String(raw));
  return s.length > 500 ? `${s.slice(0, 500)}…[truncated ${s.length - 500} chars]` : s;
}

/**
 * Each contract value through the same schema as the app's own writes. Empty (null, "") means
 * "the CRM has none". A value that fails is left out of the change and returned as a refusal,
 * with the raw value, for the sync conflict log; the change's other fields still apply.
 */
export function checkContractFields(fields: CrmAccountChange["fields"]): {
  checked: CheckedFields;
  refused: { column: string; raw: unknown; message: string }[];
} {
  const checked: Record<string, unknown> = {};
  const refused: { column: string; raw: unknown; message: string }[] = [];
  for (const c of CHECKS) {
    if (!(c.key in fields)) continue;
    const raw = (fields as Record<string, unknown>)[c.key];
    if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
      checked[c.key] = null;
      continue;
    }
    const r = v.safeParse(c.schema, raw);
    if (r.success) checked[c.key] = r.output;
    else refused.push({ column: c.column, raw, message: r.issues.map((i) => i.message).join("; ") });
  }
  return { checked: checked as CheckedFields, refused };
}

/** The CRM's account owner, with the active Ethico user of the same email when there is one. */
export interface CrmOwner {
  crm_id: string;
  email: string | null;
  ethico_user_id: string | null;
}

export interface OurAccount {
  name: string;
  industry: string | null;
  annual_recurring_revenue: number | null;
  next_renewal_date: string | null;
  ae_user_id: string | null;
  updated_at: string;
}

export interface Conflict {
  field: string;
  ethico_value: string | null;
  crm_value: string | null;
  winner: "ethico" | "crm";
  reason: string;
}

export interface InboundPlan {
  updates: Partial<
    Pick<OurAccount, "name" | "industry" | "annual_recurring_revenue" | "next_renewal_date" | "ae_user_id">
  >;
  conflicts: Conflict[];
  repush: boolean;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function planInbound(
  change: CrmAccountChange,
  ours: OurAccount,
  lastPushed: Partial<Record<PushedField, unknown>> | null,
): InboundPlan {
  const plan: InboundPlan = { updates: {}, conflicts: [], repush: false };
  const { checked: f, refused } = checkContractFields(change.fields);
  for (const r of refused) {
    plan.conflicts.push({
      field: r.column,
      ethico_value: str(ours[r.column as keyof OurAccount]),
      crm_value: rawText(r.raw),
      winner: "ethico",
      reason: `refused: ${r.message}; the CRM value was not stored`,
    });
  }
  const pushed = change.fields.pushed;
  // Contract data: the CRM decides. Missing industry is "Other"; missing revenue leaves ARR empty.
  if ("industry" in f) {
    const mapped = mapIndustry(f.industry);
    if (mapped !== ours.industry) plan.updates.industry = mapped;
  }
  if ("annual_revenue" in f) {
    const arr = f.annual_revenue ?? null;
    if (arr !== ours.annual_recurring_revenue) plan.updates.annual_recurring_revenue = arr;
  }
  if ("renewal_date" in f) {
    const date = f.renewal_date ?? null;
    if (date !== ours.next_renewal_date && date) plan.updates.next_renewal_date = date;
  }
  // The account owner is the AE (PRD "Account.OwnerId → client.ae_user_id, map to EthicoUser").
  // An owner we cannot match keeps our AE, and the log says who the CRM named.
  if (change.fields.owner) {
    const o = change.fields.owner;
    if (o.ethico_user_id && o.ethico_user_id !== ours.ae_user_id) plan.updates.ae_user_id = o.ethico_user_id;
    if (!o.ethico_user_id)
      plan.conflicts.push({
        field: "ae_user_id",
        ethico_value: ours.ae_user_id,
        crm_value: o.email ?? o.crm_id,
        winner: "ethico",
        reason: "the CRM owner matches no active Ethico user",
      });
  }
  // The shared field: the most recent change wins.
  if ("name" in f && f.name && f.name !== ours.name) {
    const crmAt = Date.parse(
      /^\d+$/.test(change.modified_at) ? new Date(Number(change.modified_at)).toISOString() : change.modified_at,
    );
    const crmNewer = crmAt >= Date.parse(ours.updated_at);
    if (crmNewer) plan.updates.name = f.name;
    plan.conflicts.push({
      field: "name",
      ethico_value: ours.name,
      crm_value: f.name,
      winner: crmNewer ? "crm" : "ethico",
      reason: "shared field: the most recent change wins",
    });
  }
  // Health data: Ethico decides; a CRM edit is overruled and our value is sent again.
  for (const k of PUSHED_FIELDS) {
    if (!pushed || !(k in pushed)) continue;
    const theirs = str(pushed[k]);
    const mine = str(lastPushed?.[k]);
    if (theirs === mine) continue;
    plan.conflicts.push({
      field: k,
      ethico_value: mine,
      crm_value: theirs,
      winner: "ethico",
      reason: "Ethico is the source of truth for health data",
    });
    plan.repush = true;
  }
  return plan;
}

/** The pushed fields a CRM payload carries, found through the mapping (CRM field name → ours). */
export function pushedFieldsIn(
  values: Record<string, unknown>,
  mapping: FieldMapping,
): Partial<Record<PushedField, unknown>> {
  const out: Partial<Record<PushedField, unknown>> = {};
  for (const k of PUSHED_FIELDS) if (mapping[k] in values) out[k] = values[mapping[k]];
  return out;
}
