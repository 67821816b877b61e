import type { FieldMapping, PushedField } from "./field-mapping";
import { PUSHED_FIELDS } from "./field-mapping";

// What a push sends: our current values for the pushed fields, minus what the CRM already got
// from us (only changed fields travel), shaped as the two batch APIs want them.

export type PushedValues = Record<PushedField, string | number | null>;

export interface ClientForPush {
  id: string;
  crm_id: string;
  current_health_score: number | null;
  health_status: string;
  churn_risk_score: number | null;
  last_csm_contact_at: string | null;
  csm_name: string | null;
}

export function desiredValues(c: ClientForPush): PushedValues {
  return {
    health_score: c.current_health_score,
    health_status: c.health_status,
    churn_risk: c.churn_risk_score,
    last_csm_activity: c.last_csm_contact_at ? c.last_csm_contact_at.slice(0, 10) : null,
    csm_owner: c.csm_name,
  };
}

/** The fields whose value differs from what was last pushed (all of them on a first push). */
export function changedFields(desired: PushedValues, lastPushed: Partial<PushedValues> | null): Partial<PushedValues> {
  const out: Partial<PushedValues> = {};
  for (const f of PUSHED_FIELDS)
    if (!lastPushed || !(f in lastPushed) || lastPushed[f] !== desired[f]) out[f] = desired[f];
  return out;
}

const renamed = (changes: Partial<PushedValues>, mapping: FieldMapping) =>
  Object.fromEntries(Object.entries(changes).map(([k, v]) => [mapping[k as PushedField], v]));

/** Salesforce sObject Collections update: at most 200 Accounts per request. */
export function salesforceRecords(items: { crm_id: string; changes: Partial<PushedValues> }[], mapping: FieldMapping) {
  return items.map((i) => ({ attributes: { type: "Account" }, id: i.crm_id, ...renamed(i.changes, mapping) }));
}

/** HubSpot companies batch update: at most 100 inputs per request; property values are strings. */
export function hubspotInputs(items: { crm_id: string; changes: Partial<PushedValues> }[], mapping: FieldMapping) {
  return items.map((i) => ({
    id: i.crm_id,
    properties: Object.fromEntries(
      Object.entries(renamed(i.changes, mapping)).map(([k, v]) => [k, v === null ? "" : String(v)]),
    ),
  }));
}

export const BATCH_LIMIT = { salesforce: 200, hubspot: 100 } as const;
