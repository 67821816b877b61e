// Next quarter's predicted churn from the churn model's per-client probabilities. The number of
// clients lost is a sum of independent Bernoulli(p_i): a Poisson-binomial. Its mean is Σp and its
// exact distribution is cheap to compute (O(n²) for a book of hundreds), so the interval is the
// real 5th–95th percentile, not a normal approximation. ARR lost has mean Σp·arr and variance
// Σp(1−p)·arr²; its interval is mean ± 1.645 sd, floored at 0.

export interface ChurnForecastItem {
  id: string;
  name: string;
  p: number;
  arr: number;
}

export interface ChurnForecast {
  /** Renewals in the window that the model scored. */
  renewals: number;
  arr_renewing: number;
  expected_clients: number;
  /** 90% interval of the number of clients lost. */
  clients_low: number;
  clients_high: number;
  expected_arr: number;
  arr_low: number;
  arr_high: number;
  /** Expected clients lost as a share of the renewals (0–100). */
  rate_pct: number | null;
  /** The clients that carry most of the expected ARR loss. */
  top: { id: string; name: string; p: number; arr: number; expected_arr: number }[];
}

/** P(K = k) for k = 0..n where K = Σ Bernoulli(p_i). */
export function poissonBinomial(ps: number[]): number[] {
  let dist = [1];
  for (const p of ps) {
    const next = new Array(dist.length + 1).fill(0);
    for (let k = 0; k < dist.length; k++) {
      next[k] += dist[k] * (1 - p);
      next[k + 1] += dist[k] * p;
    }
    dist = next;
  }
  return dist;
}

/** Smallest k with P(K ≤ k) ≥ q. */
export function quantile(dist: number[], q: number): number {
  let acc = 0;
  for (let k = 0; k < dist.length; k++) {
    acc += dist[k];
    if (acc >= q - 1e-12) return k;
  }
  return dist.length - 1;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function churnForecast(items: ChurnForecastItem[]): ChurnForecast {
  const ps = items.map((i) => Math.min(1, Math.max(0, i.p)));
  const dist = poissonBinomial(ps);
  const expected = ps.reduce((a, b) => a + b, 0);
  const expectedArr = items.reduce((a, i, k) => a + ps[k] * i.arr, 0);
  const arrSd = Math.sqrt(items.reduce((a, i, k) => a + ps[k] * (1 - ps[k]) * i.arr * i.arr, 0));
  const top = items
    .map((i, k) => ({ id: i.id, name: i.name, p: ps[k], arr: i.arr, expected_arr: Math.round(ps[k] * i.arr) }))
    .sort((a, b) => b.expected_arr - a.expected_arr || b.p - a.p || a.name.localeCompare(b.name))
    .slice(0, 5);
  return {
    renewals: items.length,
    arr_renewing: items.reduce((a, i) => a + i.arr, 0),
    expected_clients: round2(expected),
    clients_low: quantile(dist, 0.05),
    clients_high: quantile(dist, 0.95),
    expected_arr: Math.round(expectedArr),
    arr_low: Math.max(0, Math.round(expectedArr - 1.645 * arrSd)),
    arr_high: Math.round(expectedArr + 1.645 * arrSd),
    rate_pct: items.length ? Math.round((1000 * expected) / items.length) / 10 : null,
    top,
  };
}
