import type { GbtModel, Tree } from "./gbdt";

// Exact Shapley values of a tree ensemble for one row: TreeSHAP (Lundberg, Erion & Lee 2018,
// "Consistent individualized feature attribution for tree ensembles", Algorithm 2), where the
// value of a feature subset S is the tree's expected output when the features outside S follow
// the training rows down the tree (each branch weighted by its cover). It is exact, not sampled:
// base value + Σ φ equals the model's margin for that row, which the tests check. Cost is
// O(leaves × depth²) per tree.

interface PathElement {
  d: number;
  z: number;
  o: number;
  w: number;
}

/** A tree's expected output over the training rows (what it adds for an "average" client). */
export function expectedValue(t: Tree, node = 0): number {
  if (t.feature[node] < 0) return t.value[node];
  const l = t.left[node];
  const r = t.right[node];
  const c = t.cover[node] || 1;
  return (t.cover[l] * expectedValue(t, l) + t.cover[r] * expectedValue(t, r)) / c;
}

function extend(m: PathElement[], pz: number, po: number, pi: number): PathElement[] {
  const l = m.length;
  const out = m.map((e) => ({ ...e }));
  out.push({ d: pi, z: pz, o: po, w: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i--) {
    out[i + 1].w += (po * out[i].w * (i + 1)) / (l + 1);
    out[i].w = (pz * out[i].w * (l - i)) / (l + 1);
  }
  return out;
}

function unwind(m: PathElement[], i: number): PathElement[] {
  const l = m.length - 1;
  const out = m.map((e) => ({ ...e }));
  let n = out[l].w;
  const { o, z } = out[i];
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = out[j].w;
      out[j].w = (n * (l + 1)) / ((j + 1) * o);
      n = t - (out[j].w * z * (l - j)) / (l + 1);
    } else {
      out[j].w = (out[j].w * (l + 1)) / (z * (l - j));
    }
  }
  for (let j = i; j < l; j++) {
    out[j].d = out[j + 1].d;
    out[j].z = out[j + 1].z;
    out[j].o = out[j + 1].o;
  }
  out.pop();
  return out;
}

/** Adds this tree's Shapley values for row x into phi (one entry per feature). */
export function treeShap(t: Tree, x: readonly number[], phi: number[]): void {
  const recurse = (j: number, path: PathElement[], pz: number, po: number, pi: number) => {
    let m = extend(path, pz, po, pi);
    if (t.feature[j] < 0) {
      for (let i = 1; i < m.length; i++) {
        const u = unwind(m, i);
        let w = 0;
        for (const e of u) w += e.w;
        phi[m[i].d] += w * (m[i].o - m[i].z) * t.value[j];
      }
      return;
    }
    const d = t.feature[j];
    const hot = x[d] <= t.threshold[j] ? t.left[j] : t.right[j];
    const cold = hot === t.left[j] ? t.right[j] : t.left[j];
    let iz = 1;
    let io = 1;
    const k = m.findIndex((e, idx) => idx > 0 && e.d === d);
    if (k > 0) {
      iz = m[k].z;
      io = m[k].o;
      m = unwind(m, k);
    }
    const rj = t.cover[j] || 1;
    recurse(hot, m, (iz * t.cover[hot]) / rj, io, d);
    recurse(cold, m, (iz * t.cover[cold]) / rj, 0, d);
  };
  recurse(0, [], 1, 1, -1);
}

/** The ensemble's base value and each feature's contribution: base + Σ φ = margin(x). */
export function gbtContributions(m: GbtModel, x: readonly number[], features: number): { base: number; phi: number[] } {
  const phi = new Array<number>(features).fill(0);
  let base = m.init;
  for (const t of m.trees) {
    base += expectedValue(t);
    treeShap(t, x, phi);
  }
  return { base, phi };
}
