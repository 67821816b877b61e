import { describe, expect, it } from "vitest";

import { arrAtRisk, daysSinceContact } from "./contact-and-risk";
import { modulesUsed } from "./modules-used";
import { percentileFromCounts, percentileRank } from "./percentile";
import { describeUsageChange, usageChangePct, usageChangeRaw, usageWindows, windowAverage } from "./usage-change";

describe("usage change: the last 30 days vs the 30 before", () => {
  it("names two adjacent 30-day windows ending today", () => {
    expect(usageWindows("2026-12-05")).toEqual({
      current: { from: "2026-11-06", to: "2026-12-05" },
      previous: { from: "2026-10-07", to: "2026-11-05" },
    });
  });
  it("is a whole percent, halves away from zero either way, null without a baseline", () => {
    expect(usageChangePct(6.9, 10)).toBe(-31);
    expect(usageChangePct(13.1, 10)).toBe(31);
    expect(usageChangePct(6.85, 10)).toBe(-32);
    expect(usageChangePct(13.15, 10)).toBe(32);
    expect(usageChangePct(5, 5)).toBe(0);
    expect(usageChangePct(3, 0.4)).toBeNull();
    expect(usageChangePct(3, null)).toBeNull();
    expect(usageChangeRaw(null, 4)).toBeNull();
  });
  it("averages the days that have data and words the change with its window", () => {
    expect(windowAverage([2, 4])).toBe(3);
    expect(windowAverage([])).toBeNull();
    expect(describeUsageChange("DAU", -31)).toBe("DAU down 31% (last 30 days vs the 30 before)");
    expect(describeUsageChange("DAU", null)).toMatch(/unknown/);
  });
});

describe("modules used", () => {
  const row = (module: string, status: string, licensed = true) => ({
    module,
    adoption_status: status,
    is_licensed: licensed,
  });
  it("counts a licensed module once one of its features is configured and used in 30 days", () => {
    const m = modulesUsed([
      row("CASE_MANAGEMENT", "POWER_USE"),
      row("CASE_MANAGEMENT", "NOT_USED"),
      row("POLICY_MANAGEMENT", "NOT_CONFIGURED"),
      row("POLICY_MANAGEMENT", "NOT_CONFIGURED"),
      row("ANALYTICS", "LIGHT_USE"),
      row("DISCLOSURES", "NOT_USED"),
      row("API", "NOT_LICENSED", false),
    ]);
    expect(m).toEqual({ used: 2, licensed: 4, unused: ["POLICY_MANAGEMENT", "DISCLOSURES"], ratio: 0.5 });
    expect(modulesUsed([])).toEqual({ used: 0, licensed: 0, unused: [], ratio: null });
  });
});

describe("percentile", () => {
  it("is the share doing worse with ties as half, the same from counts or values", () => {
    expect(percentileRank(50, [10, 20, 50, 80])).toBe(63);
    expect(percentileFromCounts(2, 1, 4)).toBe(63);
    expect(percentileRank(40, [40, 70, 90])).toBe(17);
    expect(percentileFromCounts(0, 1, 3)).toBe(17);
    expect(percentileRank(30, [30, 60, 90], false)).toBe(83);
    expect(percentileFromCounts(0, 0, 0)).toBeNull();
  });
});

describe("last contact and ARR at risk", () => {
  it("counts calendar days and never negative ones", () => {
    expect(daysSinceContact("2026-10-21T15:00:00.000Z", "2026-12-05")).toBe(45);
    expect(daysSinceContact("2026-12-05T16:00:00.000Z", "2026-12-05")).toBe(0);
    expect(daysSinceContact("2026-12-07T09:00:00.000Z", "2026-12-05")).toBe(0);
    expect(daysSinceContact(null, "2026-12-05")).toBeNull();
  });
  it("sums the ARR of at-risk and critical clients", () => {
    expect(
      arrAtRisk([
        { health_status: "AT_RISK", arr: 100 },
        { health_status: "CRITICAL", arr: 50 },
        { health_status: "MONITOR", arr: 999 },
        { health_status: "CRITICAL", arr: null },
      ]),
    ).toBe(150);
  });
});
