import { describe, expect, it } from "vitest";

import { binEdges, fitGbt, gbtMargin, predictTree, type Tree } from "./gbdt";
import { auc } from "./metrics";
import { expectedValue, gbtContributions, treeShap } from "./tree-shap";

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Rows where churn is an interaction and a threshold (a linear model cannot draw either). */
function interactionData(n: number, seed: number) {
  const r = rng(seed);
  const X: number[][] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const x = [r(), r(), r(), r()];
    const risky = x[0] > 0.5 !== x[1] > 0.5 || x[2] > 0.85;
    X.push(x);
    y.push(r() < (risky ? 0.8 : 0.1) ? 1 : 0);
  }
  return { X, y };
}

/** v(S): the tree's expected output when only the features in S are known (cover-weighted). */
function valueOf(t: Tree, x: number[], known: Set<number>, node = 0): number {
  if (t.feature[node] < 0) return t.value[node];
  const l = t.left[node];
  const r = t.right[node];
  if (known.has(t.feature[node])) return valueOf(t, x, known, x[t.feature[node]] <= t.threshold[node] ? l : r);
  return (t.cover[l] * valueOf(t, x, known, l) + t.cover[r] * valueOf(t, x, known, r)) / t.cover[node];
}

/** Shapley values by enumerating every subset: the definition TreeSHAP must reproduce. */
function bruteShapley(t: Tree, x: number[], p: number): number[] {
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Array(p).fill(0);
  for (let i = 0; i < p; i++) {
    for (let mask = 0; mask < 1 << p; mask++) {
      if (mask & (1 << i)) continue;
      const s = new Set<number>();
      for (let j = 0; j < p; j++) if (mask & (1 << j)) s.add(j);
      const weight = (fact(s.size) * fact(p - s.size - 1)) / fact(p);
      const withI = new Set(s).add(i);
      phi[i] += weight * (valueOf(t, x, withI) - valueOf(t, x, s));
    }
  }
  return phi;
}

describe("gradient-boosted trees", () => {
  it("cut features into quantile bins, and constant columns into none", () => {
    const X = Array.from({ length: 1000 }, (_, i) => [i, 7, i % 3]);
    const e = binEdges(X, 16);
    expect(e[0].length).toBe(15);
    expect(e[1]).toEqual([]);
    expect(e[2]).toEqual([0.5, 1.5]);
  });

  it("learn an interaction and a threshold that a linear model cannot draw", () => {
    const train = interactionData(3000, 1);
    const test = interactionData(2000, 2);
    const m = fitGbt(train.X, train.y, { rounds: 150, maxDepth: 3 });
    const a = auc(
      test.X.map((x) => gbtMargin(m, x)),
      test.y,
    )!;
    expect(a).toBeGreaterThan(0.8);
  });

  it("report validation loss after every round, lowest before it overfits", () => {
    const train = interactionData(600, 3);
    const valid = interactionData(600, 4);
    const m = fitGbt(train.X, train.y, { rounds: 400, maxDepth: 4, minLeaf: 5, learningRate: 0.3, validation: valid });
    expect(m.validationLoss).toHaveLength(400);
    const best = m.validationLoss.indexOf(Math.min(...m.validationLoss));
    expect(best).toBeLessThan(399);
    expect(m.validationLoss[399]).toBeGreaterThan(m.validationLoss[best]);
  });

  it("respect the depth limit and the minimum leaf size", () => {
    const d = interactionData(500, 5);
    const m = fitGbt(d.X, d.y, { rounds: 20, maxDepth: 2, minLeaf: 40 });
    for (const t of m.trees) {
      const depth = (i: number): number => (t.feature[i] < 0 ? 0 : 1 + Math.max(depth(t.left[i]), depth(t.right[i])));
      expect(depth(0)).toBeLessThanOrEqual(2);
      t.feature.forEach((f, i) => f < 0 && expect(t.cover[i]).toBeGreaterThanOrEqual(40));
    }
  });
});

describe("TreeSHAP", () => {
  it("matches the Shapley values computed from their definition, tree by tree", () => {
    const d = interactionData(800, 6);
    const m = fitGbt(d.X, d.y, { rounds: 6, maxDepth: 4, minLeaf: 10 });
    const r = rng(9);
    for (const t of m.trees) {
      for (let k = 0; k < 5; k++) {
        const x = [r(), r(), r(), r()];
        const phi = new Array(4).fill(0);
        treeShap(t, x, phi);
        const brute = bruteShapley(t, x, 4);
        phi.forEach((v, j) => expect(v).toBeCloseTo(brute[j], 9));
        expect(expectedValue(t) + phi.reduce((a, b) => a + b, 0)).toBeCloseTo(predictTree(t, x), 9);
      }
    }
  });

  it("adds up to the model's margin minus the base value for every row", () => {
    const d = interactionData(1000, 7);
    const m = fitGbt(d.X, d.y, { rounds: 80, maxDepth: 3 });
    for (const x of d.X.slice(0, 50)) {
      const { base, phi } = gbtContributions(m, x, 4);
      expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(gbtMargin(m, x) - base, 8);
    }
  });

  it("gives nothing to a feature the trees never split on", () => {
    const d = interactionData(1000, 8);
    const m = fitGbt(d.X, d.y, { rounds: 50, maxDepth: 3 });
    const used = new Set(m.trees.flatMap((t) => t.feature.filter((f) => f >= 0)));
    const { phi } = gbtContributions(m, [0.9, 0.1, 0.5, 0.5], 4);
    for (let j = 0; j < 4; j++) if (!used.has(j)) expect(phi[j]).toBe(0);
  });
});
