import { describe, expect, it } from "vitest";

import {
  BUILT_IN_CONFIG,
  type EffectiveConfig,
  type HealthConfigRow,
  resolveHealthConfig,
  validateConfig,
} from "./config";
import { componentStatus, evaluateHealth } from "./engine";
import type { HealthInputs } from "./score";

const inputs: HealthInputs = {
  touchpoints: [
    {
      type: "CALL",
      daysAgo: 45,
      notesLength: 90,
      durationMinutes: 45,
      outcome: "SUCCESSFUL_ENGAGEMENT",
      contacts: [{ id: "con_mike", role: "ADMIN" }],
    },
  ],
  keyStakeholderIds: ["con_sarah", "con_robert", "con_mike"],
  avgDau7: 3.7,
  totalUsers: 36,
  featuresLicensed: 8,
  featuresUsed: 6,
  tickets30: { HIGH: 2, LOW: 1 },
  csat90: 3.5,
  daysSinceCsmContact: 45,
  latestNps: 6,
  paymentStatus: "CURRENT",
  casesCreated90: 0,
  casesClosed90: 0,
};

describe("evaluateHealth", () => {
  it("explains every component from its inputs", () => {
    const e = evaluateHealth(inputs, BUILT_IN_CONFIG, null);
    expect(e.components.usage).toMatchObject({
      score: 41,
      weight: 25,
      detail: "DAU 3.7 (7-day avg) vs expected 9 (25% of 36 users)",
    });
    expect(e.components.adoption.detail).toBe("6 of 8 licensed features in active use");
    expect(e.components.support.detail).toBe("Tickets in 30 days: 2 high, 1 low; CSAT 3.5/5 (90 days)");
    expect(e.components.relationship).toMatchObject({
      score: 43,
      detail:
        "Last CSM contact 45 days ago; latest: call with the admin, worth 40% of a QBR with the champion; engagement 49/100 from 1 touchpoint in 90 days, strongest: call with the admin 45 days ago; 1 of 3 key stakeholders reached in 90 days (coverage 33%)",
    });
    expect(e.components.contract.detail).toBe("Latest NPS 6; payment current");
    expect(e.components.outcome).toMatchObject({
      score: null,
      effectiveWeight: 0,
      detail: "No cases logged in 90 days: not scored",
    });
  });

  it("spreads a missing component's weight over the others", () => {
    const e = evaluateHealth(inputs, BUILT_IN_CONFIG, null);
    const c = e.components;
    // outcome (10) unavailable: the other 90 points of weight carry the score.
    const expected = Math.round(
      (41 * 25 +
        75 * 20 +
        (c.support.score as number) * 15 +
        (c.relationship.score as number) * 15 +
        (c.contract.score as number) * 15) /
        90,
    );
    expect(e.overall).toBe(expected);
    expect(c.usage.effectiveWeight).toBeCloseTo(27.8, 1);
    expect(Object.values(c).reduce((s, x) => s + x.effectiveWeight, 0)).toBeCloseTo(100, 0);
  });

  it("bands by the config's thresholds and trends against 30 days ago with a deadband", () => {
    const strict: EffectiveConfig = { ...BUILT_IN_CONFIG, thresholds: { healthy: 95, monitor: 90, atRisk: 85 } };
    const e = evaluateHealth(inputs, strict, null);
    expect(e.status).toBe("CRITICAL");
    expect(e.trend).toBe("FLAT");
    expect(e.trendChange).toBe(0);
    const base = evaluateHealth(inputs, BUILT_IN_CONFIG, null).overall as number;
    expect(evaluateHealth(inputs, BUILT_IN_CONFIG, base + 14)).toMatchObject({ trend: "DOWN", trendChange: -14 });
    expect(evaluateHealth(inputs, BUILT_IN_CONFIG, base + 2)).toMatchObject({ trend: "FLAT", trendChange: -2 });
    expect(evaluateHealth(inputs, BUILT_IN_CONFIG, base - 3)).toMatchObject({ trend: "UP", trendChange: 3 });
  });

  it("labels components good / fair / poor as the PRD example does", () => {
    expect([80, 79, 60, 59, null].map(componentStatus)).toEqual(["good", "fair", "fair", "poor", "unavailable"]);
  });
});

const row = (over: Partial<HealthConfigRow>): HealthConfigRow => ({
  id: "c",
  version: 1,
  is_active: true,
  is_default: false,
  applies_to_tier: null,
  applies_to_segment: null,
  applies_to_client_id: null,
  usage_weight: 25,
  adoption_weight: 20,
  support_weight: 15,
  relationship_weight: 15,
  contract_weight: 15,
  outcome_weight: 10,
  healthy_threshold: 80,
  monitor_threshold: 60,
  at_risk_threshold: 40,
  created_at: "2026-01-01T00:00:00Z",
  ...over,
});

describe("config precedence: client > segment > tier > default", () => {
  const configs = [
    row({ id: "default", is_default: true }),
    row({ id: "tier", applies_to_tier: "ENTERPRISE", usage_weight: 30, outcome_weight: 5 }),
    row({ id: "segment", applies_to_segment: "Regulated", usage_weight: 35, outcome_weight: 0 }),
    row({ id: "client", applies_to_client_id: "cli_1", usage_weight: 40, adoption_weight: 10, outcome_weight: 5 }),
    row({ id: "old-default", is_default: true, is_active: false }),
  ];
  const client = { id: "cli_1", contract_tier: "ENTERPRISE" as const, segment: "Regulated" };

  it("picks the most specific active config", () => {
    expect(resolveHealthConfig(configs, client)).toMatchObject({ id: "client", scope: "client" });
    expect(resolveHealthConfig(configs, { ...client, id: "cli_2" })).toMatchObject({ id: "segment", scope: "segment" });
    expect(resolveHealthConfig(configs, { ...client, id: "cli_2", segment: null })).toMatchObject({
      id: "tier",
      scope: "tier",
    });
    expect(resolveHealthConfig(configs, { id: "cli_2", contract_tier: "STARTER", segment: "Other" })).toMatchObject({
      id: "default",
      scope: "default",
    });
    expect(resolveHealthConfig([], client)).toBe(BUILT_IN_CONFIG);
  });

  it("prefers the newest active version at the same level and ignores inactive ones", () => {
    const two = [row({ id: "v1", is_default: true, version: 1 }), row({ id: "v2", is_default: true, version: 2 })];
    expect(resolveHealthConfig(two, client).id).toBe("v2");
    expect(resolveHealthConfig([row({ id: "off", applies_to_client_id: "cli_1", is_active: false })], client)).toBe(
      BUILT_IN_CONFIG,
    );
  });
});

describe("validateConfig", () => {
  const w = { usage: 25, adoption: 20, support: 15, relationship: 15, contract: 15, outcome: 10 };
  const t = { healthy: 80, monitor: 60, atRisk: 40 };
  it("accepts the PRD default", () => expect(validateConfig(w, t)).toEqual([]));
  it("needs weights summing to 100 and rising thresholds", () => {
    expect(validateConfig({ ...w, usage: 30 }, t)).toEqual(["weights must sum to 100, they sum to 105"]);
    expect(validateConfig({ ...w, usage: -5, adoption: 50 }, t)).toContain(
      "usage weight must be a whole number from 0 to 100",
    );
    expect(validateConfig(w, { healthy: 60, monitor: 60, atRisk: 40 })).toEqual([
      "thresholds must rise: at_risk < monitor < healthy",
    ]);
    expect(validateConfig({ ...w, usage: 25.5, adoption: 19.5 }, t)).toHaveLength(2);
  });
});
