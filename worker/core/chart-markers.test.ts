import { describe, expect, it } from "vitest";

import { collapseMarkers, markerTitle } from "./chart-markers";

const ORDER = ["renewal", "milestone", "escalation", "touchpoint"] as const;

describe("trend chart markers", () => {
  it("collapse identical events of a day into one marker with a count, per kind, in date order", () => {
    const m = collapseMarkers(
      [
        { date: "2026-11-03", kind: "escalation", label: "high ticket: A" },
        { date: "2026-11-02", kind: "touchpoint", label: "call" },
        { date: "2026-11-03", kind: "escalation", label: "high ticket: B" },
        { date: "2026-11-03", kind: "renewal", label: "Renewal renewed" },
        { date: "2026-11-03", kind: "escalation", label: "high ticket: A" },
      ],
      ORDER,
    );
    expect(m).toEqual([
      { date: "2026-11-02", kind: "touchpoint", count: 1, labels: ["call"] },
      { date: "2026-11-03", kind: "renewal", count: 1, labels: ["Renewal renewed"] },
      {
        date: "2026-11-03",
        kind: "escalation",
        count: 3,
        labels: ["high ticket: A", "high ticket: B", "high ticket: A"],
      },
    ]);
  });

  it("keeps different days apart and returns nothing for no events", () => {
    expect(collapseMarkers([], ORDER)).toEqual([]);
    expect(
      collapseMarkers(
        [
          { date: "2026-11-01", kind: "escalation", label: "x" },
          { date: "2026-11-02", kind: "escalation", label: "x" },
        ],
        ORDER,
      ).map((x) => x.count),
    ).toEqual([1, 1]);
  });

  it("titles a marker with its count and at most five labels", () => {
    const labels = ["a", "b", "c", "d", "e", "f", "g"];
    expect(markerTitle({ date: "2026-11-03", kind: "escalation", count: 7, labels }, "Support escalation")).toBe(
      "2026-11-03 · 7 × Support escalation: a; b; c; d; e; and 2 more",
    );
    expect(markerTitle({ date: "2026-11-03", kind: "renewal", count: 1, labels: ["Renewal renewed"] }, "Renewal")).toBe(
      "2026-11-03 · Renewal: Renewal renewed",
    );
  });
});
