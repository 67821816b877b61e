import { describe, expect, it } from "vitest";

import { adoptionLevel, FEATURE_CATALOG, isActivelyUsed } from "./feature-catalog";

const cases = FEATURE_CATALOG.find((f) => f.key === "case_creation")!; // 10 a month expected
const on = { licensed: true, configured: true };

describe("adoption levels (PRD F5)", () => {
  it("follows licensing and configuration first", () => {
    expect(adoptionLevel(cases, { licensed: false, configured: true, usage30: 50 })).toBe("NOT_LICENSED");
    expect(adoptionLevel(cases, { licensed: true, configured: false, usage30: 50 })).toBe("NOT_CONFIGURED");
    expect(adoptionLevel(cases, { ...on, usage30: 0 })).toBe("NOT_USED");
  });

  it("uses <25% light, 25–75% active, >75% power of expected usage", () => {
    expect(adoptionLevel(cases, { ...on, usage30: 2 })).toBe("LIGHT_USE");
    expect(adoptionLevel(cases, { ...on, usage30: 3 })).toBe("ACTIVE_USE");
    expect(adoptionLevel(cases, { ...on, usage30: 7 })).toBe("ACTIVE_USE");
    expect(adoptionLevel(cases, { ...on, usage30: 8 })).toBe("POWER_USE");
  });

  it("counts any API use as adopted and only active/power as actively used", () => {
    const api = FEATURE_CATALOG.find((f) => f.key === "api_calls")!;
    expect(adoptionLevel(api, { ...on, usage30: 1 })).toBe("POWER_USE");
    expect(isActivelyUsed("LIGHT_USE")).toBe(false);
    expect(isActivelyUsed("ACTIVE_USE")).toBe(true);
  });

  it("has the PRD's ten features with unique keys", () => {
    expect(FEATURE_CATALOG).toHaveLength(10);
    expect(new Set(FEATURE_CATALOG.map((f) => f.key)).size).toBe(10);
  });
});
