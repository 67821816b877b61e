import { describe, expect, it } from "vitest";

import { DEFAULT_MAPPING } from "./field-mapping";
import { mapIndustry, planInbound, pushedFieldsIn } from "./inbound";

const ours = {
  name: "Acme Corporation",
  industry: "Manufacturing",
  annual_recurring_revenue: 120_000,
  next_renewal_date: "2027-02-23",
  ae_user_id: "ae-1",
  updated_at: "2026-11-20T10:00:00.000Z",
};

describe("inbound CRM changes", () => {
  it.each([
    ["Manufacturing", "Manufacturing"],
    ["Banking", "Financial Services"],
    ["Hospital & Health Care", "Healthcare"],
    ["INSURANCE", "Insurance"],
    ["Biotechnology", "Pharmaceuticals"],
    ["COMPUTER_SOFTWARE", "Technology"],
    ["Airlines/Aviation", "Transportation"],
    ["Not For Profit", "Other"],
    [null, "Other"],
    ["", "Other"],
  ])("maps industry %s to %s", (raw, ours) => expect(mapIndustry(raw)).toBe(ours));

  it("takes contract data from the CRM, leaves ARR empty when revenue is missing, and keeps what it does not carry", () => {
    expect(
      planInbound(
        {
          crm_id: "x",
          modified_at: "2026-11-24T09:00:00Z",
          fields: { annual_revenue: 135_000.4, renewal_date: "2027-03-31", industry: "Banking" },
        },
        ours,
        null,
      ),
    ).toEqual({
      updates: { annual_recurring_revenue: 135_000, next_renewal_date: "2027-03-31", industry: "Financial Services" },
      conflicts: [],
      repush: false,
    });
    expect(
      planInbound({ crm_id: "x", modified_at: "2026-11-24T09:00:00Z", fields: { annual_revenue: null } }, ours, null)
        .updates,
    ).toEqual({ annual_recurring_revenue: null });
    expect(planInbound({ crm_id: "x", modified_at: "2026-11-24T09:00:00Z", fields: {} }, ours, null)).toEqual({
      updates: {},
      conflicts: [],
      repush: false,
    });
  });

  it("lets the most recent name win, and overrules a CRM edit of health data, logging both", () => {
    const newer = planInbound(
      { crm_id: "x", modified_at: String(Date.parse("2026-11-24T09:00:00Z")), fields: { name: "Acme Corp" } },
      ours,
      null,
    );
    expect(newer).toEqual({
      updates: { name: "Acme Corp" },
      conflicts: [
        {
          field: "name",
          ethico_value: "Acme Corporation",
          crm_value: "Acme Corp",
          winner: "crm",
          reason: "shared field: the most recent change wins",
        },
      ],
      repush: false,
    });
    expect(
      planInbound({ crm_id: "x", modified_at: "2026-11-01T00:00:00Z", fields: { name: "Acme Corp" } }, ours, null),
    ).toMatchObject({ updates: {}, conflicts: [{ winner: "ethico" }] });
    const health = planInbound(
      {
        crm_id: "x",
        modified_at: "2026-11-24T09:00:00Z",
        fields: { pushed: pushedFieldsIn({ Health_Score__c: 90, Name: "Acme" }, DEFAULT_MAPPING.salesforce) },
      },
      ours,
      { health_score: 58 },
    );
    expect(health).toEqual({
      updates: {},
      conflicts: [
        {
          field: "health_score",
          ethico_value: "58",
          crm_value: "90",
          winner: "ethico",
          reason: "Ethico is the source of truth for health data",
        },
      ],
      repush: true,
    });
    // Our own value coming back (the echo of a push) is no conflict.
    expect(
      planInbound(
        { crm_id: "x", modified_at: "2026-11-24T09:00:00Z", fields: { pushed: { health_score: 58 } } },
        ours,
        { health_score: 58 },
      ).conflicts,
    ).toEqual([]);
  });

  it("maps the CRM owner to our AE, and logs an owner it cannot match without changing the AE", () => {
    const at = "2026-11-24T09:00:00Z";
    expect(
      planInbound(
        {
          crm_id: "x",
          modified_at: at,
          fields: { owner: { crm_id: "005B", email: "sam@ethico.test", ethico_user_id: "ae-2" } },
        },
        ours,
        null,
      ),
    ).toEqual({ updates: { ae_user_id: "ae-2" }, conflicts: [], repush: false });
    expect(
      planInbound(
        {
          crm_id: "x",
          modified_at: at,
          fields: { owner: { crm_id: "005A", email: "ann@ethico.test", ethico_user_id: "ae-1" } },
        },
        ours,
        null,
      ).updates,
    ).toEqual({});
    expect(
      planInbound(
        {
          crm_id: "x",
          modified_at: at,
          fields: { owner: { crm_id: "005C", email: "stranger@elsewhere.test", ethico_user_id: null } },
        },
        ours,
        null,
      ),
    ).toEqual({
      updates: {},
      conflicts: [
        {
          field: "ae_user_id",
          ethico_value: "ae-1",
          crm_value: "stranger@elsewhere.test",
          winner: "ethico",
          reason: "the CRM owner matches no active Ethico user",
        },
      ],
      repush: false,
    });
    expect(planInbound({ crm_id: "x", modified_at: at, fields: { owner: null } }, ours, null)).toEqual({
      updates: {},
      conflicts: [],
      repush: false,
    });
  });
});
