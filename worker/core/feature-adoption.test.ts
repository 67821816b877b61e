import { describe, expect, it } from "vitest";

import { adoptionScoreOf, featureAdoption, usageTrend } from "./feature-adoption";
import { expectedUsage, FEATURE_CATALOG } from "./feature-catalog";

const cases = FEATURE_CATALOG.find((f) => f.key === "case_creation")!;
const api = FEATURE_CATALOG.find((f) => f.key === "api_calls")!;

describe("feature adoption", () => {
  it("calls ±20% against the prior 30 days a trend", () => {
    expect(usageTrend(0, 0)).toBe("NO_USE");
    expect(usageTrend(13, 10)).toBe("INCREASING");
    expect(usageTrend(12, 10)).toBe("STABLE");
    expect(usageTrend(8, 10)).toBe("STABLE");
    expect(usageTrend(7, 10)).toBe("DECREASING");
    expect(usageTrend(0, 5)).toBe("DECREASING");
  });

  it("scales volume expectations by tier but not cadence or API features", () => {
    expect(expectedUsage(cases, "STARTER")).toBe(5);
    expect(expectedUsage(cases, "ENTERPRISE")).toBe(20);
    expect(expectedUsage(api, "CUSTOM")).toBe(1);
  });

  it("levels the same usage differently by tier", () => {
    const w = { case_creation: { licensed: true, configured: true, last30: 8, prior30: 8 } };
    expect(featureAdoption("STARTER", w).find((f) => f.feature_key === "case_creation")!.adoption_status).toBe(
      "POWER_USE",
    );
    expect(featureAdoption("ENTERPRISE", w).find((f) => f.feature_key === "case_creation")!.adoption_status).toBe(
      "ACTIVE_USE",
    );
  });

  it("scores adoption as actively used over licensed", () => {
    const w = {
      case_creation: { licensed: true, configured: true, last30: 20, prior30: 20 },
      dashboard_views: { licensed: true, configured: true, last30: 1, prior30: 0 },
      report_exports: { licensed: true, configured: false, last30: 0, prior30: 0 },
    };
    const f = featureAdoption("PROFESSIONAL", w);
    expect(f).toHaveLength(10);
    expect(f.find((x) => x.feature_key === "chatbot_conversations")!.adoption_status).toBe("NOT_LICENSED");
    expect(adoptionScoreOf(f, (k) => k in w)).toEqual({ used: 1, licensed: 3, score: 33 });
    expect(adoptionScoreOf(f, () => false)).toEqual({ used: 0, licensed: 0, score: null });
  });
});
