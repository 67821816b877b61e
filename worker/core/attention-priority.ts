// "Needs attention first": the portfolio's default order (PRD F1, US-015-001).
// Higher means look sooner. Documented in docs/attention-priority.md; each term is 0–100 before
// weighting so the weights read as shares:
//   risk      45%  max(100 - health, churn risk)   how bad it is now
//   trend     20%  points lost over 30 days ×5     how fast it is getting worse (gains count 0)
//   renewal   20%  100 within 30 days → 0 at 180+  how soon it decides
//   value     15%  ARR relative to $250K, capped   how much is at stake
// A client with no score yet gets risk 50: unknown is neither safe nor critical.

export interface PriorityInput {
  healthScore: number | null;
  trendChange: number;
  churnRisk: number | null;
  arr: number | null;
  daysToRenewal: number | null;
}

export function attentionPriority(p: PriorityInput): number {
  const risk = Math.max(p.healthScore === null ? 50 : 100 - p.healthScore, p.churnRisk ?? 0);
  const trend = clamp(-p.trendChange * 5, 0, 100);
  const renewal =
    p.daysToRenewal === null ? 0 : p.daysToRenewal <= 30 ? 100 : clamp(((180 - p.daysToRenewal) / 150) * 100, 0, 100);
  const value = clamp(((p.arr ?? 0) / 250_000) * 100, 0, 100);
  return Math.round(0.45 * risk + 0.2 * trend + 0.2 * renewal + 0.15 * value);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
