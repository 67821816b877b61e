import { describe, expect, it } from "vitest";

import { attentionPriority, type PriorityInput } from "./attention-priority";

const calm: PriorityInput = { healthScore: 90, trendChange: 2, churnRisk: 5, arr: 20_000, daysToRenewal: 300 };

describe("needs-attention-first priority", () => {
  it("rises with each signal on its own", () => {
    const p = attentionPriority(calm);
    expect(attentionPriority({ ...calm, healthScore: 50 })).toBeGreaterThan(p);
    expect(attentionPriority({ ...calm, churnRisk: 60 })).toBeGreaterThan(p);
    expect(attentionPriority({ ...calm, trendChange: -12 })).toBeGreaterThan(p);
    expect(attentionPriority({ ...calm, daysToRenewal: 45 })).toBeGreaterThan(p);
    expect(attentionPriority({ ...calm, arr: 240_000 })).toBeGreaterThan(p);
  });

  it("puts the PRD's Acme above a healthy large account", () => {
    const acme = attentionPriority({
      healthScore: 58,
      trendChange: -14,
      churnRisk: 45,
      arr: 120_000,
      daysToRenewal: 90,
    });
    const delta = attentionPriority({
      healthScore: 92,
      trendChange: 5,
      churnRisk: 3,
      arr: 200_000,
      daysToRenewal: 365,
    });
    expect(acme).toBeGreaterThan(delta);
  });

  it("stays within 0–100 and treats missing data as middling", () => {
    expect(attentionPriority({ healthScore: 0, trendChange: -100, churnRisk: 100, arr: 1e9, daysToRenewal: 0 })).toBe(
      100,
    );
    expect(attentionPriority({ healthScore: 100, trendChange: 50, churnRisk: 0, arr: 0, daysToRenewal: 1000 })).toBe(0);
    expect(
      attentionPriority({ healthScore: null, trendChange: 0, churnRisk: null, arr: null, daysToRenewal: null }),
    ).toBe(23);
  });
});
