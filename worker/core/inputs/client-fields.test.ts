import * as v from "valibot";
import { describe, expect, it } from "vitest";

import { checkContractFields, planInbound } from "#worker/core/crm/inbound";

import { arrUsd, contractDate, MAX_ARR_USD } from "./client-fields";

// The contract-field schemas every writer (the app and each CRM) goes through.

const ok = (schema: v.GenericSchema, raw: unknown) => v.safeParse(schema, raw);

describe("contract field schemas", () => {
  it.each([
    ["2027-03-31", "2027-03-31"],
    ["2027-03-31T23:30:00.000Z", "2027-03-31"],
    [Date.parse("2027-06-30T00:00:00Z"), "2027-06-30"],
    [String(Date.parse("2027-06-30T00:00:00Z")), "2027-06-30"],
  ])("reads the date %j as %s", (raw, date) =>
    expect(ok(contractDate, raw)).toMatchObject({ success: true, output: date }),
  );

  it.each([
    "2027-99-99",
    "not-a-date",
    "2027-02-30",
    "27-03-31",
    "",
    42,
    -1,
    1e300,
    Number.NaN,
    true,
    {},
    [],
    "2027-03-31T25:00:00Z",
    "99999999999999",
  ])("refuses the date %j", (raw) => expect(ok(contractDate, raw).success).toBe(false));

  it.each([
    [135000, 135000],
    ["135000", 135000],
    [135000.4, 135000],
    [0, 0],
    [MAX_ARR_USD, MAX_ARR_USD],
  ])("reads ARR %j as %d", (raw, usd) => expect(ok(arrUsd, raw)).toMatchObject({ success: true, output: usd }));

  it.each([
    -5,
    "-5",
    1e300,
    "1e300",
    MAX_ARR_USD + 1,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    "lots",
    "12abc",
    true,
    null,
  ])("refuses ARR %j", (raw) => expect(ok(arrUsd, raw).success).toBe(false));
});

describe("checking a CRM change's contract fields", () => {
  const ours = {
    name: "Acme Corporation",
    industry: "Manufacturing",
    annual_recurring_revenue: 120_000,
    next_renewal_date: "2027-02-23",
    ae_user_id: "ae-1",
    updated_at: "2026-11-20T10:00:00.000Z",
  };

  it("treats empty as 'none' and refuses bad values with their raw text", () => {
    expect(checkContractFields({ annual_revenue: "", renewal_date: null })).toEqual({
      checked: { annual_revenue: null, renewal_date: null },
      refused: [],
    });
    const r = checkContractFields({ annual_revenue: -5, renewal_date: "2027-99-99", industry: "Banking" });
    expect(r.checked).toEqual({ industry: "Banking" });
    expect(r.refused.map((x) => [x.column, x.raw])).toEqual([
      ["annual_recurring_revenue", -5],
      ["next_renewal_date", "2027-99-99"],
    ]);
  });

  it("logs each refusal as a conflict Ethico keeps, and still applies the valid fields", () => {
    const plan = planInbound(
      {
        crm_id: "x",
        modified_at: "2026-11-24T09:00:00Z",
        fields: { annual_revenue: "1e300", renewal_date: "2027-03-31", industry: "Banking" },
      },
      ours,
      null,
    );
    expect(plan.updates).toEqual({ next_renewal_date: "2027-03-31", industry: "Financial Services" });
    expect(plan.conflicts).toEqual([
      {
        field: "annual_recurring_revenue",
        ethico_value: "120000",
        crm_value: "1e300",
        winner: "ethico",
        reason: expect.stringMatching(/^refused: .*not stored$/),
      },
    ]);
  });

  it("keeps at most 500 characters of a huge raw value", () => {
    const plan = planInbound(
      { crm_id: "x", modified_at: "2026-11-24T09:00:00Z", fields: { renewal_date: "x".repeat(5000) } },
      ours,
      null,
    );
    expect(plan.conflicts[0].crm_value).toMatch(/^x{500}…\[truncated 4500 chars\]$/);
  });
});
