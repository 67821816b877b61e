// How good a probabilistic classifier is, on held-out data: discrimination (AUC), accuracy of
// the probabilities (Brier, calibration table) and what a CSM acting on the riskiest tenth of
// the book would catch (precision and recall in the top decile).

/** Area under the ROC curve: the chance a random positive scores above a random negative (ties half). */
export function auc(scores: readonly number[], labels: readonly number[]): number | null {
  const pairs = scores.map((s, i) => ({ s, y: labels[i] })).sort((a, b) => a.s - b.s);
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return null;
  // Mann–Whitney U from mid-ranks.
  let rankSumPos = 0;
  for (let i = 0; i < pairs.length;) {
    let j = i;
    while (j < pairs.length && pairs[j].s === pairs[i].s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (pairs[k].y === 1) rankSumPos += midRank;
    i = j;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function brier(probabilities: readonly number[], labels: readonly number[]): number | null {
  if (probabilities.length === 0) return null;
  return probabilities.reduce((s, p, i) => s + (p - labels[i]) ** 2, 0) / probabilities.length;
}

export function accuracy(probabilities: readonly number[], labels: readonly number[], threshold = 0.5): number | null {
  if (probabilities.length === 0) return null;
  return probabilities.filter((p, i) => (p >= threshold ? 1 : 0) === labels[i]).length / probabilities.length;
}

export interface CalibrationBin {
  range: [number, number];
  count: number;
  mean_predicted: number | null;
  observed_rate: number | null;
}

/** Predicted against observed churn in fixed probability bins (the edges are the PRD's risk bands and finer). */
export function calibrationTable(
  probabilities: readonly number[],
  labels: readonly number[],
  edges: readonly number[] = [0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1],
): CalibrationBin[] {
  return edges.slice(0, -1).map((lo, b) => {
    const hi = edges[b + 1];
    const idx = probabilities
      .map((_, i) => i)
      .filter(
        (i) => probabilities[i] >= lo && (b === edges.length - 2 ? probabilities[i] <= hi : probabilities[i] < hi),
      );
    const n = idx.length;
    return {
      range: [lo, hi],
      count: n,
      mean_predicted: n ? round(idx.reduce((s, i) => s + probabilities[i], 0) / n) : null,
      observed_rate: n ? round(idx.reduce((s, i) => s + labels[i], 0) / n) : null,
    };
  });
}

/** Of the top tenth by score: what share churned (precision), and what share of all churners it holds (recall). */
export function topDecile(
  scores: readonly number[],
  labels: readonly number[],
): { precision: number | null; recall: number | null; size: number } {
  const n = Math.max(1, Math.ceil(scores.length / 10));
  const order = scores
    .map((_, i) => i)
    .sort((a, b) => scores[b] - scores[a])
    .slice(0, n);
  const hits = order.filter((i) => labels[i] === 1).length;
  const positives = labels.filter((y) => y === 1).length;
  return {
    precision: scores.length ? round(hits / n) : null,
    recall: positives ? round(hits / positives) : null,
    size: scores.length ? n : 0,
  };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;
