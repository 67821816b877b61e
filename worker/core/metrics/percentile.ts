// THE percentile (issue 17): the Overview's "vs Enterprise avg (Nth %ile)", the Benchmark tab,
// the Adoption tab's per-feature percentile and the chat all rank a value the same way: the
// share of the cohort doing worse, ties counted as half, rounded to a whole percent. The
// cohort includes the client itself (a cohort of one puts it at the 50th).

export function percentileFromCounts(worse: number, ties: number, size: number): number | null {
  if (size <= 0) return null;
  return Math.round((100 * (worse + ties / 2)) / size);
}

/** `value` within `values` (which include it); higher is better unless told otherwise. */
export function percentileRank(value: number, values: number[], higherIsBetter = true): number {
  let worse = 0;
  let ties = 0;
  for (const v of values) {
    if (v === value) ties++;
    else if (higherIsBetter ? v < value : v > value) worse++;
  }
  return percentileFromCounts(worse, ties, values.length) ?? 50;
}
