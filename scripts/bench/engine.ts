import { getPlatformProxy } from "wrangler";

import { addDays, isoDate } from "#worker/core/dates";
import { parseEventBatch } from "#worker/core/inputs/events";
import { getDb } from "#worker/db/client";
import { foldEvents, type ResolvedEvent } from "#worker/db/queries/event-fold";
import { recalculateClients } from "#worker/services/health/recalculation";
import { ingestEvents } from "#worker/services/ingestion";

import { measureChurn } from "./churn";
import type { EngineResult } from "./report";

// The engine on a seeded state, through the Worker's own service code against the local D1
// (miniflare, via wrangler's platform proxy):
//   - full recalculation of every active client for a new day (all snapshots, churn scores,
//     alert rules and the daily rollup written), in the queue's batches, one after another;
//   - ingestion end to end: validation + resolution + dedupe (what POST /events does before the
//     queue), then the consumer's fold into the usage rollups; and, apart, the consumer's
//     recalculation of the clients the events touched;
//   - churn model training (read, candidates compared over time, winner fitted) and scoring
//     every active client, with the heap it needs (scripts/bench/churn.ts).

export async function measureEngine(state: string, eventCount: number): Promise<EngineResult> {
  const proxy = await getPlatformProxy<Env>({ environment: "local", persist: { path: `${state}/v3` } });
  try {
    const db = getDb(proxy.env.DB);
    const ids = (
      await proxy.env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE'").all<{ id: string }>()
    ).results.map((r) => r.id);
    const tomorrow = new Date(Date.parse(`${addDays(isoDate(new Date()), 1)}T06:00:00Z`));
    const t0 = performance.now();
    await recalculateClients(db, ids, tomorrow);
    const recalcMs = performance.now() - t0;
    // Undo: keep the seeded state as it was for the next run, tomorrow's new alerts included
    // (left in place, a second run found them open and measured a day that raised none).
    await proxy.env.DB.batch([
      proxy.env.DB.prepare("DELETE FROM client_health_scores WHERE date = ?").bind(isoDate(tomorrow)),
      proxy.env.DB.prepare("DELETE FROM health_daily_rollup WHERE date = ?").bind(isoDate(tomorrow)),
      proxy.env.DB.prepare(
        "DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM client_alerts WHERE created_at >= ?)",
      ).bind(isoDate(tomorrow)),
      proxy.env.DB.prepare("DELETE FROM client_alerts WHERE created_at >= ?").bind(isoDate(tomorrow)),
    ]);

    const users = (
      await proxy.env.DB.prepare("SELECT id, client_id FROM platform_users LIMIT 5000").all<{
        id: string;
        client_id: string;
      }>()
    ).results;
    const now = new Date();
    const events = Array.from({ length: eventCount }, (_, i) => {
      const u = users[i % users.length];
      const type = ["login", "action", "action", "session_end"][i % 4];
      const extra =
        type === "action"
          ? { module: "ANALYTICS", feature: "dashboard_views" }
          : type === "session_end"
            ? { duration_seconds: 900 }
            : {};
      return {
        event_id: `bench-${now.getTime()}-${i}`,
        client_id: u.client_id,
        user_id: u.id,
        type,
        occurred_at: new Date(now.getTime() - (i % 3600) * 1000).toISOString(),
        ...extra,
      };
    });
    const messages: { events: ResolvedEvent[] }[] = [];
    const queue = { send: async (m: { events: ResolvedEvent[] }) => void messages.push(m) } as unknown as Queue;
    const t1 = performance.now();
    for (let i = 0; i < events.length; i += 1000)
      await ingestEvents(db, queue, parseEventBatch({ events: events.slice(i, i + 1000) }, now));
    const acceptMs = performance.now() - t1;
    // As the consumer does: one fold per delivered batch of up to 10 messages (the usage
    // rollups written), then the recalculation of the clients it touched (timed apart).
    let foldMs = 0;
    let recalcTouchedMs = 0;
    const touched = new Set<string>();
    for (let i = 0; i < messages.length; i += 10) {
      const a = performance.now();
      const { clientIds } = await foldEvents(
        db,
        messages.slice(i, i + 10).flatMap((m) => m.events),
        now,
      );
      const b = performance.now();
      await recalculateClients(db, clientIds, now);
      foldMs += b - a;
      recalcTouchedMs += performance.now() - b;
      for (const id of clientIds) touched.add(id);
    }

    const churn = await measureChurn(db, now);
    return {
      clients: ids.length,
      full_recalculation_s: +(recalcMs / 1000).toFixed(2),
      recalculated_clients_per_s: Math.round(ids.length / (recalcMs / 1000)),
      ingestion_events: events.length,
      ingestion_accept_events_per_s: Math.round(events.length / (acceptMs / 1000)),
      ingestion_end_to_end_events_per_s: Math.round(events.length / ((acceptMs + foldMs) / 1000)),
      ingestion_with_recalculation_events_per_s: Math.round(
        events.length / ((acceptMs + foldMs + recalcTouchedMs) / 1000),
      ),
      ingestion_touched_clients: touched.size,
      churn_training_s: churn.total_s,
      churn_scored_clients: churn.clients,
      churn_backtest_auc: churn.backtest_auc,
      churn,
    };
  } finally {
    await proxy.dispose();
  }
}
