import { describe, expect, it } from "vitest";

import { DEFAULT_MAPPING, mappingFor } from "./field-mapping";
import { changedFields, desiredValues, hubspotInputs, salesforceRecords } from "./push-diff";

const acme = {
  id: "acme",
  crm_id: "001xx000003DGb2AAG",
  current_health_score: 58,
  health_status: "AT_RISK",
  churn_risk_score: 45,
  last_csm_contact_at: "2026-10-10T15:00:00.000Z",
  csm_name: "Jane Smith",
};

describe("CRM push payloads", () => {
  it("sends everything the first time, then only what changed", () => {
    const d = desiredValues(acme);
    expect(changedFields(d, null)).toEqual({
      health_score: 58,
      health_status: "AT_RISK",
      churn_risk: 45,
      last_csm_activity: "2026-10-10",
      csm_owner: "Jane Smith",
    });
    expect(changedFields(d, d)).toEqual({});
    expect(changedFields({ ...d, health_score: 55 }, d)).toEqual({ health_score: 55 });
    expect(changedFields({ ...d, churn_risk: null }, d)).toEqual({ churn_risk: null });
  });
  it("shapes Salesforce Account records and HubSpot company inputs with the mapping", () => {
    expect(
      salesforceRecords(
        [{ crm_id: acme.crm_id, changes: { health_score: 55, churn_risk: null } }],
        DEFAULT_MAPPING.salesforce,
      ),
    ).toEqual([{ attributes: { type: "Account" }, id: acme.crm_id, Health_Score__c: 55, Churn_Risk__c: null }]);
    expect(
      hubspotInputs(
        [{ crm_id: "9001", changes: { health_score: 55, churn_risk: null } }],
        mappingFor("hubspot", { churn_risk: "churn_pct" }),
      ),
    ).toEqual([{ id: "9001", properties: { health_score: "55", churn_pct: "" } }]);
  });
});
