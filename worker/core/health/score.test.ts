import { describe, expect, it } from "vitest";

import {
  adoptionScore,
  componentScores,
  contractScore,
  DEFAULT_WEIGHTS,
  type HealthInputs,
  outcomeScore,
  overallScore,
  relationshipScore,
  supportScore,
  usageScore,
} from "./score";

const champion = { id: "con_sarah", role: "CHAMPION" as const };
const base: HealthInputs = {
  touchpoints: [
    {
      type: "QBR",
      daysAgo: 10,
      notesLength: 400,
      durationMinutes: 60,
      outcome: "SUCCESSFUL_ENGAGEMENT",
      contacts: [champion],
    },
  ],
  keyStakeholderIds: [champion.id],
  avgDau7: 5,
  totalUsers: 20,
  featuresLicensed: 8,
  featuresUsed: 6,
  tickets30: {},
  csat90: null,
  daysSinceCsmContact: 10,
  latestNps: 9,
  paymentStatus: "CURRENT",
  casesCreated90: 20,
  casesClosed90: 18,
};

describe("health components (PRD F3)", () => {
  it("usage is DAU against expected DAU, capped at 100, unknown without users", () => {
    expect(usageScore({ avgDau7: 5, totalUsers: 20 })).toBe(100);
    expect(usageScore({ avgDau7: 2.5, totalUsers: 20 })).toBe(50);
    expect(usageScore({ avgDau7: 50, totalUsers: 20 })).toBe(100);
    expect(usageScore({ avgDau7: 0, totalUsers: 20 })).toBe(0);
    expect(usageScore({ avgDau7: 0, totalUsers: 0 })).toBeNull();
  });

  it("adoption is the share of licensed features in active use", () => {
    expect(adoptionScore({ featuresLicensed: 8, featuresUsed: 6 })).toBe(75);
    expect(adoptionScore({ featuresLicensed: 5, featuresUsed: 0 })).toBe(0);
    expect(adoptionScore({ featuresLicensed: 0, featuresUsed: 0 })).toBeNull();
  });

  it("support falls with weighted ticket load per user and moves with CSAT", () => {
    expect(supportScore({ tickets30: {}, csat90: null, totalUsers: 20 })).toBe(100);
    const light = supportScore({ tickets30: { LOW: 2 }, csat90: null, totalUsers: 20 });
    const heavy = supportScore({ tickets30: { URGENT: 2 }, csat90: null, totalUsers: 20 });
    expect(light).toBeGreaterThan(heavy);
    expect(supportScore({ tickets30: { URGENT: 50 }, csat90: null, totalUsers: 5 })).toBe(0);
    // The same load hurts a small client more than a big one.
    expect(supportScore({ tickets30: { HIGH: 3 }, csat90: null, totalUsers: 50 })).toBeGreaterThan(
      supportScore({ tickets30: { HIGH: 3 }, csat90: null, totalUsers: 10 }),
    );
    expect(supportScore({ tickets30: { LOW: 2 }, csat90: 5, totalUsers: 20 })).toBeGreaterThan(light);
    expect(supportScore({ tickets30: { LOW: 2 }, csat90: 1, totalUsers: 20 })).toBeLessThan(light);
  });

  it("relationship weighs touchpoints and key stakeholder coverage (details in relationship-health.test.ts)", () => {
    expect(relationshipScore({ touchpoints: base.touchpoints, keyStakeholderIds: base.keyStakeholderIds })).toBe(97);
    expect(relationshipScore({ touchpoints: [], keyStakeholderIds: ["a", "b"] })).toBe(0);
  });

  it("contract weighs NPS and payment, with a neutral default when no NPS", () => {
    expect(contractScore({ latestNps: 10, paymentStatus: "CURRENT" })).toBe(100);
    expect(contractScore({ latestNps: 6, paymentStatus: "CURRENT" })).toBe(76);
    expect(contractScore({ latestNps: 10, paymentStatus: "DELINQUENT" })).toBe(60);
    expect(contractScore({ latestNps: null, paymentStatus: "CURRENT" })).toBe(75);
    expect(contractScore({ latestNps: null, paymentStatus: "LATE" })).toBe(56);
  });

  it("outcome is the case resolution rate, unknown with no cases", () => {
    expect(outcomeScore({ casesCreated90: 10, casesClosed90: 8 })).toBe(80);
    expect(outcomeScore({ casesCreated90: 10, casesClosed90: 14 })).toBe(100);
    expect(outcomeScore({ casesCreated90: 0, casesClosed90: 3 })).toBeNull();
  });
});

describe("overall score", () => {
  it("is the weighted sum with the PRD's default weights", () => {
    const c = { usage: 45, adoption: 72, support: 55, relationship: 40, contract: 75, outcome: 80 };
    // 45*.25 + 72*.2 + 55*.15 + 40*.15 + 75*.15 + 80*.1 = 58.9
    expect(overallScore(c)).toBe(59);
    expect(Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("shares a missing component's weight among the others instead of scoring it zero", () => {
    const all80 = { usage: 80, adoption: 80, support: 80, relationship: 80, contract: 80, outcome: null };
    expect(overallScore(all80)).toBe(80);
    expect(
      overallScore({ usage: null, adoption: null, support: null, relationship: null, contract: null, outcome: null }),
    ).toBeNull();
  });

  it("follows custom weights", () => {
    const c = { usage: 100, adoption: 0, support: 0, relationship: 0, contract: 0, outcome: 0 };
    expect(overallScore(c, { usage: 50, adoption: 10, support: 10, relationship: 10, contract: 10, outcome: 10 })).toBe(
      50,
    );
  });

  it("stays within 0–100 for any inputs", () => {
    const s = overallScore(componentScores({ ...base, avgDau7: 1e9, tickets30: { URGENT: 1e6 }, casesClosed90: 1e6 }));
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThanOrEqual(100);
  });
});

describe("weakestComponent", () => {
  it("picks the lowest available score, the first on a tie, and null when none is scored", async () => {
    const { weakestComponent } = await import("./explain");
    const scores: Record<string, number | null> = {
      usage: 40,
      adoption: null,
      support: 40,
      relationship: 55,
      contract: 90,
      outcome: null,
    };
    expect(weakestComponent((k) => scores[k])).toEqual({ component: "usage", score: 40 });
    expect(weakestComponent(() => null)).toBeNull();
  });
});
