import { describe, expect, it } from "vitest";

import { daysAgo, formatUsd, signed, titleCase } from "./format";

describe("display formatting", () => {
  it("title-cases enum values and keys, keeping acronyms", () => {
    expect(titleCase("AT_RISK")).toBe("At Risk");
    expect(titleCase("usage")).toBe("Usage");
    expect(titleCase("QBR")).toBe("QBR");
    expect(titleCase("VP_CLIENT_SUCCESS")).toBe("VP Client Success");
  });

  it("abbreviates money and signs changes", () => {
    expect(formatUsd(120_000)).toBe("$120K");
    expect(formatUsd(1_250_000)).toBe("$1.3M");
    expect(formatUsd(null)).toBe("—");
    expect(signed(5)).toBe("+5");
    expect(signed(-14)).toBe("-14");
  });

  it("counts calendar days for 'days ago'", () => {
    const now = new Date("2026-11-24T09:00:00Z");
    expect(daysAgo("2026-11-23T23:00:00Z", now)).toBe("1 day ago");
    expect(daysAgo("2026-10-10T19:00:00Z", now)).toBe("45 days ago");
    expect(daysAgo("2026-11-24T01:00:00Z", now)).toBe("today");
    expect(daysAgo(null, now)).toBe("never");
  });
});
