import { DatabaseSync } from "node:sqlite";

import { isoDate } from "#worker/core/dates";

import { startDevServer } from "./dev-server";
import { d1File } from "./http-load";

// The full recalculation through the production path: the built Worker under `wrangler dev`
// fires its hourly cron (GET /__scheduled), which queues every active client in chunks of 100;
// the recalculation queue's consumer (batches of up to 10 messages) recalculates them: health,
// adoption, churn scoring, alert rules, the day's rollup, alert dispatch and CRM pushes.
// Today's snapshots are deleted first, so the run is the day's first and every one is written
// again (which the end checks); the clock stops when the consumer has reported every client.

const PORT = 8794;
const HOURLY = "0 * * * *";

export interface QueueRecalcResult {
  clients: number;
  seconds: number;
  clients_per_s: number;
  consumer_batches: number;
  slowest_batch_ms: number;
  snapshots_rewritten: number;
  errors: string[];
}

export async function measureQueueRecalculation(state: string, timeoutMs = 15 * 60_000): Promise<QueueRecalcResult> {
  const file = d1File(state);
  const today = isoDate(new Date());
  const db = new DatabaseSync(file);
  const clients = (
    db.prepare("SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE'").get() as { n: number }
  ).n;
  // Only active clients are recalculated; a churned client's last snapshot stays as it is.
  const ACTIVE_TODAY = "date = ? AND client_id IN (SELECT id FROM clients WHERE account_status = 'ACTIVE')";
  const before = (
    db.prepare(`SELECT count(*) AS n FROM client_health_scores WHERE ${ACTIVE_TODAY}`).get(today) as { n: number }
  ).n;
  db.prepare(`DELETE FROM client_health_scores WHERE ${ACTIVE_TODAY}`).run(today);
  db.close();

  let reported = 0;
  let batches = 0;
  let slowest = 0;
  const errors: string[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const { base, stop } = await startDevServer(
    state,
    PORT,
    (line) => {
      const m = /Recalculated (\d+) clients from \d+ of \d+ messages in (\d+) ms/.exec(line);
      if (m) {
        reported += Number(m[1]);
        batches += 1;
        slowest = Math.max(slowest, Number(m[2]));
        if (reported >= clients) done();
      } else if (/error|exceeded|failed/i.test(line) && !/ENOTFOUND|workers\.cloudflare\.com/.test(line)) {
        errors.push(line.trim());
      }
    },
    { testScheduled: true },
  );
  const started = performance.now();
  try {
    const res = await fetch(`${base}/__scheduled?cron=${encodeURIComponent(HOURLY)}`);
    if (!res.ok) throw new Error(`GET /__scheduled answered ${res.status}`);
    const timer = new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new Error(
              `queue recalculation reported ${reported} of ${clients} clients in ${timeoutMs / 1000} s; errors: ${errors.slice(0, 5).join(" | ")}`,
            ),
          ),
        timeoutMs,
      ).unref(),
    );
    await Promise.race([finished, timer]);
  } finally {
    await stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const check = new DatabaseSync(file, { readOnly: true });
  const after = (
    check.prepare(`SELECT count(*) AS n FROM client_health_scores WHERE ${ACTIVE_TODAY}`).get(today) as { n: number }
  ).n;
  check.close();
  if (after < before) throw new Error(`only ${after} of today's ${before} snapshots were written again`);
  return {
    clients,
    seconds: +seconds.toFixed(1),
    clients_per_s: Math.round(clients / seconds),
    consumer_batches: batches,
    slowest_batch_ms: slowest,
    snapshots_rewritten: after,
    errors,
  };
}
