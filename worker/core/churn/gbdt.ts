// Gradient-boosted decision trees for binary churn, in plain TypeScript so they train inside the
// Worker's weekly cron (no native code, no WASM). Each round fits a depth-limited regression tree
// to the logistic loss's gradient and Hessian (Newton boosting, as XGBoost and LightGBM do) on
// features pre-cut into at most `bins` quantile bins, so finding a split is one pass over a
// histogram rather than a sort. Shrinkage, a minimum leaf size and an L2 penalty on leaf values
// keep it from memorising a few hundred renewals; the number of rounds is chosen by
// cross-validation (the caller passes validation rows and reads the loss after every round).

export interface GbtOptions {
  rounds: number;
  learningRate: number;
  maxDepth: number;
  /** Fewest training rows in a leaf. */
  minLeaf: number;
  /** L2 penalty on leaf values (λ in G²/(H+λ)). */
  l2: number;
  /** Quantile bins per feature (≤ 255). */
  bins: number;
}

export const DEFAULT_GBT: GbtOptions = { rounds: 300, learningRate: 0.1, maxDepth: 3, minLeaf: 20, l2: 1, bins: 64 };

/**
 * One tree as parallel arrays (compact to store as JSON). Node i is a leaf when feature[i] is -1;
 * otherwise rows with x[feature] <= threshold go to left[i], the rest to right[i]. `cover` is the
 * training weight that reached the node: TreeSHAP needs it for the expectation over a subset.
 */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

export interface GbtModel {
  /** Log-odds of the weighted base rate: every prediction starts here. */
  init: number;
  trees: Tree[];
}

/** Split thresholds per feature: quantiles of the training values (a constant column gets none). */
export function binEdges(X: readonly (readonly number[])[], bins: number): number[][] {
  const p = X[0]?.length ?? 0;
  const edges: number[][] = [];
  for (let j = 0; j < p; j++) {
    const col = Float64Array.from(X, (r) => r[j]).sort();
    const unique: number[] = [];
    for (const v of col) if (unique.length === 0 || v !== unique[unique.length - 1]) unique.push(v);
    if (unique.length <= bins) {
      // Midpoints: "x <= edge" then means "x at or below this observed value".
      edges.push(unique.slice(0, -1).map((v, i) => (v + unique[i + 1]) / 2));
      continue;
    }
    const cut: number[] = [];
    for (let b = 1; b < bins; b++) {
      const v = col[Math.min(col.length - 1, Math.floor((b * col.length) / bins))];
      if ((cut.length === 0 || v > cut[cut.length - 1]) && v < unique[unique.length - 1]) cut.push(v);
    }
    edges.push(cut);
  }
  return edges;
}

/** Bin of x: the first edge it does not exceed (binary search), or past the last edge. */
function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function predictTree(t: Tree, x: readonly number[]): number {
  let i = 0;
  while (t.feature[i] >= 0) i = x[t.feature[i]] <= t.threshold[i] ? t.left[i] : t.right[i];
  return t.value[i];
}

export function gbtMargin(m: GbtModel, x: readonly number[]): number {
  let z = m.init;
  for (const t of m.trees) z += predictTree(t, x);
  return z;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const logLoss = (z: number, y: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;

export interface Validation {
  X: readonly (readonly number[])[];
  y: readonly number[];
  weights?: readonly number[];
}

/**
 * Fit `options.rounds` trees. With `validation`, also returns its weighted log-loss after every
 * round (index r = after r + 1 trees), for choosing the number of rounds.
 */
export function fitGbt(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: Partial<GbtOptions> & { weights?: readonly number[]; validation?: Validation } = {},
): GbtModel & { validationLoss: number[] } {
  const o = { ...DEFAULT_GBT, ...options };
  const n = X.length;
  if (n === 0) throw new Error("no rows to fit");
  const p = X[0].length;
  const w = Float64Array.from({ length: n }, (_, i) => options.weights?.[i] ?? 1);
  const edges = binEdges(X, Math.min(255, o.bins));
  const binned = edges.map((e, j) => Uint8Array.from(X, (r) => binOf(e, r[j])));
  let pos = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    pos += w[i] * y[i];
    total += w[i];
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / total));
  const init = Math.log(rate / (1 - rate));
  const F = new Float64Array(n).fill(init);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: Tree[] = [];
  const validation = options.validation;
  const vF = validation ? new Float64Array(validation.X.length).fill(init) : null;
  const validationLoss: number[] = [];
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < o.rounds; r++) {
    for (let i = 0; i < n; i++) {
      const pr = sigmoid(F[i]);
      g[i] = w[i] * (pr - y[i]);
      h[i] = w[i] * Math.max(pr * (1 - pr), 1e-12);
    }
    const tree = growTree(binned, edges, g, h, w, all, o, p);
    trees.push(tree);
    for (let i = 0; i < n; i++) F[i] += predictTree(tree, X[i]);
    if (validation && vF) {
      let loss = 0;
      let wt = 0;
      for (let i = 0; i < vF.length; i++) {
        vF[i] += predictTree(tree, validation.X[i]);
        const vw = validation.weights?.[i] ?? 1;
        loss += vw * logLoss(vF[i], validation.y[i]);
        wt += vw;
      }
      validationLoss.push(loss / wt);
    }
  }
  return { init, trees, validationLoss };
}

/** One tree, grown depth-first on histograms of gradient and Hessian sums per bin. */
function growTree(
  binned: Uint8Array[],
  edges: number[][],
  g: Float64Array,
  h: Float64Array,
  w: Float64Array,
  rows: Int32Array,
  o: GbtOptions,
  p: number,
): Tree {
  const t: Tree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
  const maxBins = Math.max(1, ...edges.map((e) => e.length + 1));
  const hg = new Float64Array(maxBins);
  const hh = new Float64Array(maxBins);
  const hc = new Int32Array(maxBins);
  const grow = (idx: Int32Array, depth: number): number => {
    let G = 0;
    let H = 0;
    let W = 0;
    for (const i of idx) {
      G += g[i];
      H += h[i];
      W += w[i];
    }
    const node = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(round6((-G / (H + o.l2)) * o.learningRate));
    t.cover.push(round6(W));
    if (depth >= o.maxDepth || idx.length < 2 * o.minLeaf) return node;
    const parent = (G * G) / (H + o.l2);
    let best = { gain: 1e-9, feature: -1, bin: -1 };
    for (let j = 0; j < p; j++) {
      const nb = edges[j].length + 1;
      if (nb < 2) continue;
      hg.fill(0, 0, nb);
      hh.fill(0, 0, nb);
      hc.fill(0, 0, nb);
      const col = binned[j];
      for (const i of idx) {
        const b = col[i];
        hg[b] += g[i];
        hh[b] += h[i];
        hc[b]++;
      }
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hg[b];
        hl += hh[b];
        cl += hc[b];
        if (cl < o.minLeaf) continue;
        if (idx.length - cl < o.minLeaf) break;
        const gr = G - gl;
        const hr = H - hl;
        const gain = (gl * gl) / (hl + o.l2) + (gr * gr) / (hr + o.l2) - parent;
        if (gain > best.gain) best = { gain, feature: j, bin: b };
      }
    }
    if (best.feature < 0) return node;
    const col = binned[best.feature];
    let nl = 0;
    for (const i of idx) if (col[i] <= best.bin) nl++;
    const li = new Int32Array(nl);
    const ri = new Int32Array(idx.length - nl);
    let a = 0;
    let c = 0;
    for (const i of idx)
      if (col[i] <= best.bin) li[a++] = i;
      else ri[c++] = i;
    t.feature[node] = best.feature;
    t.threshold[node] = edges[best.feature][best.bin];
    t.value[node] = 0;
    t.left[node] = grow(li, depth + 1);
    t.right[node] = grow(ri, depth + 1);
    return node;
  };
  grow(rows, 0);
  return t;
}

const round6 = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(7)));
