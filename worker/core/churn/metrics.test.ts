import { describe, expect, it } from "vitest";

import { accuracy, auc, brier, calibrationTable, topDecile } from "./metrics";

describe("classifier metrics", () => {
  it("AUC counts ranked pairs, ties as half", () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.5, 0.5, 0.5], [0, 1, 0])).toBe(0.5);
    expect(auc([0.9, 0.1], [1, 0])).toBe(1);
    expect(auc([0.9, 0.1], [0, 1])).toBe(0);
    expect(auc([0.2, 0.3], [0, 0])).toBeNull();
  });

  it("Brier is the mean squared error of the probabilities", () => {
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
    expect(brier([], [])).toBeNull();
  });

  it("accuracy at the 0.5 threshold", () => {
    expect(accuracy([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 0])).toBe(0.75);
  });

  it("calibration bins hold every row once, with mean predicted and observed rate", () => {
    const p = [0.01, 0.02, 0.15, 0.6, 0.9, 1];
    const y = [0, 0, 1, 1, 0, 1];
    const bins = calibrationTable(p, y, [0, 0.1, 0.5, 1]);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 3]);
    expect(bins[0]).toEqual({ range: [0, 0.1], count: 2, mean_predicted: 0.015, observed_rate: 0 });
    expect(bins[2].observed_rate).toBeCloseTo(2 / 3, 4);
    expect(calibrationTable([], [], [0, 1])[0]).toEqual({
      range: [0, 1],
      count: 0,
      mean_predicted: null,
      observed_rate: null,
    });
  });

  it("top decile precision and recall", () => {
    const scores = Array.from({ length: 20 }, (_, i) => i / 20);
    const labels = scores.map((_, i) => (i === 19 || i === 3 ? 1 : 0));
    expect(topDecile(scores, labels)).toEqual({ precision: 0.5, recall: 0.5, size: 2 });
    expect(topDecile([], [])).toEqual({ precision: null, recall: null, size: 0 });
  });
});
