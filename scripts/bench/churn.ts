import type { Db } from "#worker/db/client";
import { retrainChurnModel } from "#worker/services/churn";

import type { ChurnBench } from "./report";

// The weekly churn training as the cron runs it (worker/services/churn.ts), split into its steps
// (read the history from D1, compare the candidates and fit the winner, score and write every
// active client), with the JavaScript heap it needs: the live heap is sampled after each step
// (the history, rows and models are all still alive after "train") against the heap before,
// each after a full GC when node runs with --expose-gc (npm run bench:churn does). The Worker's isolate has 128 MB; that is the
// figure to compare with.

const mb = (b: number) => Math.round(b / 1024 / 1024);

export async function measureChurn(db: Db, now: Date): Promise<ChurnBench> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const ms: Record<string, number> = {};
  const t0 = performance.now();
  const r = await retrainChurnModel(db, now, "manual", (step, took) => {
    ms[step] = took;
    // Live heap, not garbage waiting for collection (without --expose-gc: heap in use, an upper bound).
    (globalThis as { gc?: () => void }).gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const total = performance.now() - t0;
  return {
    clients: r.scored,
    read_s: +(ms.read / 1000).toFixed(2),
    train_s: +(ms.train / 1000).toFixed(2),
    score_s: +(ms.score / 1000).toFixed(2),
    total_s: +(total / 1000).toFixed(2),
    heap_before_mb: mb(before),
    heap_peak_sampled_mb: mb(peak),
    heap_growth_mb: mb(peak - before),
    rss_max_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    model: r.model,
    training_rows: r.training.rows,
    candidates: r.candidates.map((c) => ({ model: c.model, auc: c.auc })),
    backtest_auc: r.backtest_auc,
  };
}
