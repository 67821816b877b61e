import { describe, expect, it } from "vitest";

import { categoryReason, riskBandsFor, riskCategory } from "./risk-bands";

describe("risk bands", () => {
  it("keep the PRD's absolute bands when there are no relative cut-offs", () => {
    expect([0, 19, 20, 50, 51].map((s) => riskCategory(s, null))).toEqual(["LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH"]);
  });

  it("make the riskiest tenth High and the riskiest 30% at least Medium in a low-risk book", () => {
    const scores = Array.from({ length: 100 }, (_, i) => Math.round(i / 5)); // 0..19: nobody over 20%
    const b = riskBandsFor(scores, "2026-12-05")!;
    const cats = scores.map((s) => riskCategory(s, b));
    expect(cats.filter((c) => c === "HIGH").length).toBeGreaterThanOrEqual(10);
    expect(cats.filter((c) => c === "HIGH").length).toBeLessThanOrEqual(15);
    expect(cats.filter((c) => c !== "LOW").length).toBeGreaterThanOrEqual(30);
    expect(categoryReason(19, b)).toMatch(/riskiest tenth of the book \(\d+% or more\)/);
    // Monotone: a higher score is never in a lower category.
    const rank = { LOW: 0, MEDIUM: 1, HIGH: 2 } as const;
    for (let s = 1; s <= 100; s++)
      expect(rank[riskCategory(s, b)]).toBeGreaterThanOrEqual(rank[riskCategory(s - 1, b)]);
  });

  it("never lowers an absolute band, and never calls a zero risky", () => {
    const b = riskBandsFor(
      Array.from({ length: 50 }, (_, i) => 60 + (i % 40)),
      "2026-12-05",
    )!;
    expect(riskCategory(55, b)).toBe("HIGH");
    expect(riskCategory(30, b)).toBe("MEDIUM");
    const zeros = riskBandsFor(new Array(40).fill(0), "2026-12-05")!;
    expect(riskCategory(0, zeros)).toBe("LOW");
    expect(riskBandsFor([1, 2, 3], "2026-12-05")).toBeNull();
  });
});
