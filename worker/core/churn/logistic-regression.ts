// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
// squares). With a few dozen features the Hessian is tiny, so each step is exact and training
// converges in a handful of iterations on tens of thousands of rows. Logistic regression is
// well calibrated by construction (its score equations make predicted and observed rates
// agree), which is why the churn model uses it (docs/decisions/009).

export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export interface FitOptions {
  /** L2 penalty on the weights (never on the intercept). */
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Per-row weights, e.g. to balance folds; default 1. */
  sampleWeights?: number[];
}

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j] * x[j];
  return z;
}

export const predict = (model: LogisticModel, x: readonly number[]) => sigmoid(logit(model, x));

/** Penalised negative log-likelihood: what fit() minimises. */
export function loss(model: LogisticModel, X: readonly (readonly number[])[], y: readonly number[], l2 = 0): number {
  let total = 0;
  for (let i = 0; i < X.length; i++) {
    const z = logit(model, X[i]);
    // log(1 + e^z) computed without overflow.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    total += softplus - y[i] * z;
  }
  return total + (l2 / 2) * model.weights.reduce((s, w) => s + w * w, 0);
}

/** Gradient of loss() with respect to [intercept, ...weights]. */
export function gradient(
  model: LogisticModel,
  X: readonly (readonly number[])[],
  y: readonly number[],
  l2 = 0,
): number[] {
  const g = new Array(model.weights.length + 1).fill(0);
  for (let i = 0; i < X.length; i++) {
    const r = predict(model, X[i]) - y[i];
    g[0] += r;
    for (let j = 0; j < X[i].length; j++) g[j + 1] += r * X[i][j];
  }
  for (let j = 0; j < model.weights.length; j++) g[j + 1] += l2 * model.weights[j];
  return g;
}

export function fitLogistic(
  X: readonly (readonly number[])[],
  y: readonly number[],
  options: FitOptions = {},
): LogisticModel & { iterations: number; converged: boolean } {
  const { l2 = 1, maxIterations = 50, tolerance = 1e-8, sampleWeights } = options;
  if (X.length !== y.length) throw new Error("X and y differ in length");
  if (X.length === 0) throw new Error("no rows to fit");
  const p = X[0].length;
  const beta = new Array(p + 1).fill(0);
  // Start the intercept at the base rate: fewer steps, and stable when one class is rare.
  const w0 = (i: number) => sampleWeights?.[i] ?? 1;
  let pos = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    pos += w0(i) * y[i];
    total += w0(i);
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / total));
  beta[0] = Math.log(rate / (1 - rate));

  const penalised = (b: number[]) => {
    let total = 0;
    for (let i = 0; i < X.length; i++) {
      let z = b[0];
      for (let j = 0; j < p; j++) z += b[j + 1] * X[i][j];
      total += w0(i) * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z);
    }
    let ridge = 0;
    for (let j = 1; j <= p; j++) ridge += b[j] * b[j];
    return total + (l2 / 2) * ridge;
  };

  for (let iter = 1; iter <= maxIterations; iter++) {
    const g = new Array(p + 1).fill(0);
    const H = Array.from({ length: p + 1 }, () => new Array(p + 1).fill(0));
    for (let i = 0; i < X.length; i++) {
      const row = X[i];
      let z = beta[0];
      for (let j = 0; j < p; j++) z += beta[j + 1] * row[j];
      const mu = sigmoid(z);
      const wi = w0(i);
      const r = wi * (mu - y[i]);
      const h = wi * Math.max(mu * (1 - mu), 1e-10);
      g[0] += r;
      H[0][0] += h;
      for (let j = 0; j < p; j++) {
        g[j + 1] += r * row[j];
        H[0][j + 1] += h * row[j];
        for (let k = j; k < p; k++) H[j + 1][k + 1] += h * row[j] * row[k];
      }
    }
    for (let j = 1; j <= p; j++) {
      g[j] += l2 * beta[j];
      H[j][j] += l2;
      for (let k = 0; k < j; k++) H[j][k] = H[k][j];
    }
    const step = solve(H, g);
    // Damped Newton: halve the step until the penalised loss goes down, so rare-event and
    // nearly separable data cannot make it overshoot.
    const current = penalised(beta);
    let scale = 1;
    while (scale > 1e-6 && penalised(beta.map((b, j) => b - scale * step[j])) > current + 1e-12) scale /= 2;
    let maxStep = 0;
    for (let j = 0; j <= p; j++) {
      beta[j] -= scale * step[j];
      maxStep = Math.max(maxStep, Math.abs(scale * step[j]));
    }
    if (maxStep < tolerance) return { intercept: beta[0], weights: beta.slice(1), iterations: iter, converged: true };
  }
  return { intercept: beta[0], weights: beta.slice(1), iterations: maxIterations, converged: false };
}

/** Solve A x = b by Gaussian elimination with partial pivoting (A is small and SPD here). */
export function solve(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (Math.abs(M[pivot][col]) < 1e-12) throw new Error("singular system");
    [M[col], M[pivot]] = [M[pivot], M[col]];
    for (let r = col + 1; r < n; r++) {
      const f = M[r][col] / M[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) M[r][c] -= f * M[col][c];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let c = r + 1; c < n; c++) s -= M[r][c] * x[c];
    x[r] = s / M[r][r];
  }
  return x;
}

/**
 * Column means and standard deviations, to put features on one scale before fitting. A null is
 * an unknown value: it is left out of its column's statistics.
 */
export function standardizer(X: readonly (readonly (number | null)[])[]): { means: number[]; stds: number[] } {
  const p = X[0]?.length ?? 0;
  const sums = new Array(p).fill(0);
  const counts = new Array(p).fill(0);
  for (const row of X) {
    for (let j = 0; j < p; j++) {
      if (row[j] === null) continue;
      sums[j] += row[j] as number;
      counts[j]++;
    }
  }
  const means = sums.map((t, j) => (counts[j] ? t / counts[j] : 0));
  const sq = new Array(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) if (row[j] !== null) sq[j] += ((row[j] as number) - means[j]) ** 2;
  // A constant column gets std 1: it standardises to 0 and carries no weight.
  return { means, stds: sq.map((v, j) => (counts[j] && v / counts[j] > 1e-12 ? Math.sqrt(v / counts[j]) : 1)) };
}

/** A row on the standardised scale; an unknown value takes the column mean (0). */
export const standardize = (row: readonly (number | null)[], s: { means: number[]; stds: number[] }) =>
  row.map((v, j) => ((v ?? s.means[j]) - s.means[j]) / s.stds[j]);
