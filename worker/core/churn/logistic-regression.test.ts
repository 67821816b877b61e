import { describe, expect, it } from "vitest";

import {
  fitLogistic,
  gradient,
  logit,
  loss,
  predict,
  sigmoid,
  solve,
  standardize,
  standardizer,
} from "./logistic-regression";

describe("logistic regression", () => {
  it("finds the closed-form answer on a 2×2 table", () => {
    // x=0: 1 churn in 4; x=1: 3 churns in 4. The MLE logits are log(1/3) and log(3).
    const X = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const m = fitLogistic(X, y, { l2: 0 });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(Math.log(1 / 3), 8);
    expect(m.weights[0]).toBeCloseTo(2 * Math.log(3), 8);
    expect(predict(m, [1])).toBeCloseTo(0.75, 8);
  });

  it("has a gradient that matches finite differences of the loss", () => {
    const X = [
      [0.5, -1],
      [1.5, 0.2],
      [-0.3, 0.7],
      [2, 1],
    ];
    const y = [0, 1, 0, 1];
    const m = { intercept: 0.1, weights: [-0.4, 0.3] };
    const g = gradient(m, X, y, 0.5);
    const eps = 1e-6;
    const params = [m.intercept, ...m.weights];
    params.forEach((_, k) => {
      const bump = (d: number) => {
        const p = [...params];
        p[k] += d;
        return loss({ intercept: p[0], weights: p.slice(1) }, X, y, 0.5);
      };
      expect(g[k]).toBeCloseTo((bump(eps) - bump(-eps)) / (2 * eps), 5);
    });
  });

  it("at zero weights the gradient is Σ(½ − y) and Σ(½ − y)x", () => {
    const g = gradient({ intercept: 0, weights: [0] }, [[2], [4]], [1, 0]);
    expect(g).toEqual([0, -1 + 2]);
  });

  it("is calibrated in the large: mean prediction on the training rows equals the base rate", () => {
    const X = Array.from({ length: 200 }, (_, i) => [Math.sin(i), (i % 7) / 7]);
    const y = X.map(([a, b], i) => (a + b + ((i * 37) % 11) / 11 > 1.2 ? 1 : 0));
    const m = fitLogistic(X, y, { l2: 2 });
    const mean = X.reduce((s, x) => s + predict(m, x), 0) / X.length;
    expect(mean).toBeCloseTo(y.reduce((s: number, v) => s + v, 0) / y.length, 6);
  });

  it("shrinks weights as the penalty grows, and keeps them finite on separable data", () => {
    const X = [[-2], [-1], [1], [2]];
    const y = [0, 0, 1, 1];
    const loose = fitLogistic(X, y, { l2: 0.01 });
    const tight = fitLogistic(X, y, { l2: 10 });
    expect(Number.isFinite(loose.weights[0])).toBe(true);
    expect(Math.abs(tight.weights[0])).toBeLessThan(Math.abs(loose.weights[0]));
  });

  it("weights rows: a row of weight 2 counts as two rows", () => {
    const a = fitLogistic([[0], [1], [1]], [0, 1, 0], { l2: 0.1, sampleWeights: [1, 2, 1] });
    const b = fitLogistic([[0], [1], [1], [1]], [0, 1, 1, 0], { l2: 0.1 });
    expect(a.weights[0]).toBeCloseTo(b.weights[0], 8);
    expect(a.intercept).toBeCloseTo(b.intercept, 8);
  });

  it("refuses empty or mismatched input", () => {
    expect(() => fitLogistic([], [])).toThrow(/no rows/);
    expect(() => fitLogistic([[1]], [1, 0])).toThrow(/differ/);
  });

  it("sigmoid is stable at the extremes and logit adds the intercept", () => {
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(logit({ intercept: 1, weights: [2, -1] }, [3, 4])).toBe(3);
  });

  it("solves a linear system and refuses a singular one", () => {
    const x = solve(
      [
        [4, 1],
        [1, 3],
      ],
      [1, 2],
    );
    expect(x[0]).toBeCloseTo(1 / 11, 10);
    expect(x[1]).toBeCloseTo(7 / 11, 10);
    expect(() =>
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow(/singular/);
  });

  it("standardises columns, leaving a constant column at 0", () => {
    const s = standardizer([
      [1, 5],
      [3, 5],
    ]);
    expect(s.means).toEqual([2, 5]);
    expect(s.stds).toEqual([1, 1]);
    expect(standardize([3, 5], s)).toEqual([1, 0]);
  });
});
