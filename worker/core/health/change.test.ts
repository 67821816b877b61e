import { describe, expect, it } from "vitest";

import { type DaySnapshot, healthChangeSince } from "./change";
import { DEFAULT_WEIGHTS } from "./score";

const day = (
  date: string,
  overall: number,
  scores: Partial<DaySnapshot["scores"]>,
  details: DaySnapshot["details"] = {},
): DaySnapshot => ({
  date,
  overall,
  weights: DEFAULT_WEIGHTS,
  details,
  scores: { usage: 34, adoption: 78, support: 39, relationship: 43, contract: 76, outcome: null, ...scores },
});

describe("what changed since yesterday", () => {
  it("lists the moved component first with its effect on the overall and both days' reasons", () => {
    const y = day("2026-12-04", 57, {}, { relationship: "Last CSM contact 45 days ago; …" });
    const t = day(
      "2026-12-05",
      63,
      { relationship: 85 },
      { relationship: "Last CSM contact 0 days ago; latest: QBR with the champion …" },
    );
    const c = healthChangeSince(y, t);
    expect(c.components[0]).toEqual({
      component: "relationship",
      before: 43,
      after: 85,
      delta: 42,
      // outcome is unavailable, so relationship carries 15 of 90 weight points: 42 × 15 / 90 = 7.
      overall_points: 7,
      reason_before: "Last CSM contact 45 days ago; …",
      reason_after: "Last CSM contact 0 days ago; latest: QBR with the champion …",
    });
    expect(c.components.slice(1).every((x) => (x.delta === 0 && x.overall_points === 0) || x.delta === null)).toBe(
      true,
    );
    expect(c.summary).toBe("Health 57 → 63 (+6): Relationship 43 → 85 (+42).");
  });

  it("says when nothing moved, and when a day is missing", () => {
    const y = day("2026-12-04", 57, {});
    expect(healthChangeSince(y, { ...y, date: "2026-12-05" }).summary).toBe(
      "Health unchanged at 57; no component moved.",
    );
    expect(healthChangeSince(null, y)).toMatchObject({
      components: [],
      summary: "No health score for yesterday to compare with.",
    });
    expect(healthChangeSince(y, null)).toMatchObject({ components: [], summary: "No health score for today yet." });
  });

  it("names a component that became unavailable", () => {
    const c = healthChangeSince(day("2026-12-04", 60, { outcome: 90 }), day("2026-12-05", 57, {}));
    expect(c.components[0]).toMatchObject({ component: "outcome", before: 90, after: null, delta: null });
    expect(c.summary).toContain("Outcome 90 → N/A");
  });
});
