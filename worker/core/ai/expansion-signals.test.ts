import { describe, expect, it } from "vitest";

import { type ExpansionInput, expansionSignals } from "./expansion-signals";

const base: ExpansionInput = {
  health: 88,
  trendChange: 4,
  churnRisk: 6,
  activeUsers: 57,
  licensedUsers: 60,
  adoption: 80,
  latestNps: 9,
  licensedModules: ["CASE_MANAGEMENT", "DISCLOSURES"],
};

describe("expansion signals", () => {
  it("a healthy client using what it bought, with modules left to buy, is ready, with every reason", () => {
    const a = expansionSignals(base);
    expect(a).toMatchObject({
      score: 100,
      ready: true,
      unlicensed_modules: ["Policy Management", "Analytics", "Chatbot", "API"],
    });
    expect(a.signals).toContain("95% of licensed seats active (57 of 60)");
    expect(a.signals).toContain("Latest NPS 9 (promoter)");
  });
  it("churn risk or middling health rules a client out, whatever else it shows", () => {
    expect(expansionSignals({ ...base, churnRisk: 25 }).ready).toBe(false);
    expect(expansionSignals({ ...base, health: 65 }).ready).toBe(false);
  });
  it("unknown figures give no points rather than guesses", () => {
    const a = expansionSignals({ ...base, activeUsers: null, latestNps: null, adoption: null, trendChange: 0 });
    expect(a.score).toBe(35);
    expect(a.ready).toBe(false);
    expect(expansionSignals({ ...base, licensedUsers: 0 }).signals.some((s) => s.includes("seats"))).toBe(false);
  });
});
