import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { addDays, isoDate } from "../worker/core/dates";
import { getDb } from "../worker/db/client";
import { foldEvents, type ResolvedEvent } from "../worker/db/queries/event-fold";
import { recalculateClients } from "../worker/services/health";
import { ingestEvents } from "../worker/services/ingestion";
import { measureAlertLatency } from "./bench/alert-latency";
import { measureClientJs } from "./bench/client-js";

// npm run bench -- [--sizes 1000,10000] [--events 20000] [--reseed]
// Seeds its own databases (bench/.data/<size>, reused when already seeded), then runs the
// Worker's own service code against the local D1 (miniflare, through wrangler's platform proxy):
//   - full recalculation of every active client for a new day (all snapshots written);
//   - ingestion end to end: validation + resolution + dedupe, then the fold and the
//     recalculation of touched clients (the queue consumer's work), in events per second.
// Writes docs/benchmarks.json and the "Engine" section of docs/benchmarks.md.

const { values } = parseArgs({ options: { sizes: { type: "string" }, events: { type: "string" }, reseed: { type: "boolean" } } });
const sizes = (values.sizes ?? "1000,10000").split(",").map(Number);
const eventCount = Number(values.events ?? 20_000);
const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function benchSize(size: number) {
  const state = new URL(`../bench/.data/${size}`, import.meta.url).pathname;
  const marker = `${state}/seeded.json`;
  mkdirSync(state, { recursive: true });
  // Always: a database seeded by an earlier version of the app gets the newer migrations.
  run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--env", "local", "--persist-to", state]);
  if (values.reseed || !existsSync(marker) || JSON.parse(readFileSync(marker, "utf8")).asOf !== isoDate(new Date())) {
    run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/seed.ts", "--state", state, "--clients", String(size), "--reset"]);
    writeFileSync(marker, JSON.stringify({ asOf: isoDate(new Date()) }));
  }
  const proxy = await getPlatformProxy<Env>({ environment: "local", persist: { path: `${state}/v3` } });
  try {
    const db = getDb(proxy.env.DB);
    const ids = (await proxy.env.DB.prepare("SELECT id FROM clients WHERE account_status = 'ACTIVE'").all<{ id: string }>()).results.map((r) => r.id);
    const tomorrow = new Date(Date.parse(`${addDays(isoDate(new Date()), 1)}T06:00:00Z`));
    const t0 = performance.now();
    await recalculateClients(db, ids, tomorrow);
    const recalcMs = performance.now() - t0;
    // Undo: keep the seeded state as it was for the next run.
    await proxy.env.DB.prepare("DELETE FROM client_health_scores WHERE date = ?").bind(isoDate(tomorrow)).run();

    const users = (await proxy.env.DB.prepare("SELECT id, client_id FROM platform_users LIMIT 5000").all<{ id: string; client_id: string }>()).results;
    const now = new Date();
    const events = Array.from({ length: eventCount }, (_, i) => {
      const u = users[i % users.length];
      const type = ["login", "action", "action", "session_end"][i % 4];
      const extra = type === "action" ? { module: "ANALYTICS", feature: "dashboard_views" } : type === "session_end" ? { duration_seconds: 900 } : {};
      return { event_id: `bench-${now.getTime()}-${i}`, client_id: u.client_id, user_id: u.id, type, occurred_at: new Date(now.getTime() - (i % 3600) * 1000).toISOString(), ...extra };
    });
    const messages: { events: ResolvedEvent[] }[] = [];
    const queue = { send: async (m: { events: ResolvedEvent[] }) => void messages.push(m) } as unknown as Queue;
    const t1 = performance.now();
    for (let i = 0; i < events.length; i += 1000) await ingestEvents(db, queue, { events: events.slice(i, i + 1000) }, now);
    const acceptMs = performance.now() - t1;
    const t2 = performance.now();
    // As the consumer does: one fold per delivered batch of up to 10 messages.
    for (let i = 0; i < messages.length; i += 10) {
      const { clientIds } = await foldEvents(db, messages.slice(i, i + 10).flatMap((m) => m.events), now);
      await recalculateClients(db, clientIds, now);
    }
    const foldMs = performance.now() - t2;
    return {
      clients: ids.length,
      full_recalculation_s: +(recalcMs / 1000).toFixed(2),
      recalculated_clients_per_s: Math.round(ids.length / (recalcMs / 1000)),
      ingestion_events: events.length,
      ingestion_accept_events_per_s: Math.round(events.length / (acceptMs / 1000)),
      ingestion_end_to_end_events_per_s: Math.round(events.length / ((acceptMs + foldMs) / 1000)),
    };
  } finally {
    await proxy.dispose();
  }
}

// The production build, as `npm start` serves it.
run(bin("remix"), ["vite:build"]);
const pages = measureClientJs(new URL("../build/client", import.meta.url).pathname);
console.table(pages);

const results = [];
for (const size of sizes) {
  console.log(`bench: ${size} clients…`);
  const r = await benchSize(size);
  console.log(r);
  results.push(r);
}
// Trigger to browser, on the smallest seeded portfolio (the path does not depend on its size).
console.log("bench: alert latency (ingested event → WebSocket message)…");
const alertLatency = await measureAlertLatency(new URL(`../bench/.data/${sizes[0]}`, import.meta.url).pathname);
console.log(alertLatency);
const measuredAt = new Date().toISOString();
writeFileSync(new URL("../docs/benchmarks.json", import.meta.url), `${JSON.stringify({ measured_at: measuredAt, machine: "2 cores, local workerd/miniflare D1", engine: results, alert_latency: alertLatency, pages }, null, 2)}\n`);
const table = results.map((r) => `| ${r.clients.toLocaleString("en-US")} | ${r.full_recalculation_s} s | ${r.recalculated_clients_per_s.toLocaleString("en-US")} | ${r.ingestion_accept_events_per_s.toLocaleString("en-US")} | ${r.ingestion_end_to_end_events_per_s.toLocaleString("en-US")} |`).join("\n");
writeFileSync(new URL("../docs/benchmarks.md", import.meta.url), `# Benchmarks

Measured ${measuredAt} by \`npm run bench\` on this project's 2-core machine.

## Engine

The Worker's own service code against the local D1 (miniflare), through wrangler's platform proxy.
Full recalculation scores every active client for a new day (every snapshot written), one batch of
100 clients after another in a single process: the queue spreads the same batches over consumers.
Ingestion: ${eventCount.toLocaleString("en-US")} events (logins, actions, session ends) in batches of 1,000; "accept" is what
\`POST /events\` does before the queue, "end to end" adds the consumer's fold and the recalculation of
the touched clients.

| active clients | full recalculation | clients/s | ingestion accept (events/s) | ingestion end to end (events/s) |
|---:|---:|---:|---:|---:|
${table}

## Alerts: from trigger to the browser

One detractor NPS answer posted to \`POST /events\` under \`wrangler dev\` (${sizes[0].toLocaleString("en-US")} clients), timed
until its alert reaches the CSM's WebSocket: events queue, fold, recalculation, alert rules, outbox,
Durable Object, socket. Local queues deliver after their 1 s batch timeout, as in production.
The PRD's limit is 5 minutes.

| runs | median | p95 | max |
|---:|---:|---:|---:|
| ${alertLatency.runs} | ${alertLatency.median_ms} ms | ${alertLatency.p95_ms} ms | ${alertLatency.max_ms} ms |

## Pages: what the browser downloads

From the production build's Remix manifest: the entry, root and the page's own chunks, gzip.
Charts are rendered on the server (decision 007), so no chart code is in these figures.

| page | JavaScript | files | CSS |
|---|---:|---:|---:|
${pages.map((p) => `| ${p.page} | ${p.js_gzip_kb} kB | ${p.js_files} | ${p.css_gzip_kb} kB |`).join("\n")}
`);
console.log("bench: wrote docs/benchmarks.md and docs/benchmarks.json");
