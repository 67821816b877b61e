import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";

import { isoDate } from "#worker/core/dates";

import { measureAlertLatency } from "./bench/alert-latency";
import { measureClientJs } from "./bench/client-js";
import { measureEngine } from "./bench/engine";
import { d1File, measureReadEndpoints } from "./bench/http-load";
import { measureQueueRecalculation } from "./bench/queue-recalc";
import { type BenchRun, renderReport, targets } from "./bench/report";

// npm run bench -- [--sizes 1000,10000] [--events 20000] [--seconds 2] [--reseed] [--report-only]
// Seeds its own databases (bench/.data/<size>, reused when seeded the same day), then measures
// the engine, the read endpoints under load beside their raw SQL, the alert path and the pages'
// JavaScript, and writes docs/performance.md and docs/performance.json (scripts/bench/*).

const { values } = parseArgs({
  options: {
    sizes: { type: "string" },
    events: { type: "string" },
    seconds: { type: "string" },
    reseed: { type: "boolean" },
    "report-only": { type: "boolean" },
  },
});
const sizes = (values.sizes ?? "1000,10000").split(",").map(Number);
const eventCount = Number(values.events ?? 20_000);
const seconds = Number(values.seconds ?? 2);
const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const stateOf = (size: number) => new URL(`../bench/.data/${size}`, import.meta.url).pathname;
const started = performance.now();

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

function prepare(size: number) {
  const state = stateOf(size);
  const marker = `${state}/seeded.json`;
  const reseed =
    values.reseed || !existsSync(marker) || JSON.parse(readFileSync(marker, "utf8")).asOf !== isoDate(new Date());
  // A new seed starts from an empty state directory: deleting 5 GB of rows first took minutes,
  // and the rows written into the freed pages measured slower than a freshly written file.
  if (reseed) rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  // Always: a database seeded by an earlier version of the app gets the newer migrations.
  run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--env", "local", "--persist-to", state]);
  if (reseed) {
    run(bin("tsx"), [
      "--disable-warning=ExperimentalWarning",
      "scripts/seed.ts",
      "--state",
      state,
      "--clients",
      String(size),
    ]);
    writeFileSync(marker, JSON.stringify({ asOf: isoDate(new Date()) }));
    // The fresh file (5 GB at 10,000 clients) is written back to disk before anything is timed,
    // not while it is. (The slower figures once blamed on this write-back came from the missing
    // alerts, below.)
    run("sync", []);
  }
  // The steady state, as `npm start` leaves the demo: a trained churn model, and the alerts the
  // seeded history raises (counted as delivered). Without them the first recalculation measured
  // was the first-ever one: at 1,000 clients it raised 3,205 alerts and took 13.3 s instead of
  // 4.7 s, and their deliveries queued ahead of the alert being timed (p95 1.25 s against 0.4 s).
  const tsx = (script: string, flag: string) =>
    run(bin("tsx"), ["--disable-warning=ExperimentalWarning", script, flag, "--state", state]);
  tsx("scripts/churn-train.ts", "--if-missing");
  tsx("scripts/alerts-evaluate.ts", "--if-empty");
  return state;
}

/**
 * Reads the database file once so that it is in the page cache: this machine's cache is emptied
 * when idle, and a measurement on cold pages (8.7 s to read 5.4 GB here) measured the disk: the
 * same recalculation (10,000 clients) took 72 s cold and 41 s warm. A serving database is warm.
 */
function warm(state: string) {
  const file = d1File(state);
  const t = performance.now();
  const fd = openSync(file, "r");
  const buf = Buffer.allocUnsafe(1 << 24);
  while (readSync(fd, buf, 0, buf.length, null) > 0);
  closeSync(fd);
  console.log(`bench: read ${state} into the page cache in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// --report-only: docs/performance.md again from the figures in docs/performance.json, measuring nothing.
if (values["report-only"]) {
  const saved = JSON.parse(readFileSync(new URL("../docs/performance.json", import.meta.url), "utf8")) as BenchRun;
  writeFileSync(
    new URL("../docs/performance.md", import.meta.url),
    renderReport(saved, saved.engine[0]?.ingestion_events ?? eventCount),
  );
  writeFileSync(
    new URL("../docs/performance.json", import.meta.url),
    `${JSON.stringify({ ...saved, targets: targets(saved) }, null, 2)}\n`,
  );
  console.log(
    "bench: rewrote docs/performance.md (and the targets in docs/performance.json) from docs/performance.json",
  );
  process.exit(0);
}

// The production build, as `npm start` serves it.
run(bin("remix"), ["vite:build"]);
const pages = measureClientJs(new URL("../build/client", import.meta.url).pathname);
console.table(pages);

const engine = [];
const queue = [];
const http = [];
let alertLatency: BenchRun["alert_latency"] | undefined;
for (const size of sizes) {
  const state = prepare(size);
  warm(state);
  console.log(`bench: ${size} clients, engine…`);
  const e = await measureEngine(state, eventCount);
  console.log(e);
  engine.push(e);
  console.log(`bench: ${size} clients, read endpoints…`);
  warm(state);
  http.push({
    clients: size,
    endpoints: await measureReadEndpoints(state, 8796, { concurrency: [1, 10, 50], seconds }),
  });
  console.log(`bench: ${size} clients, recalculation through the cron and the queue…`);
  warm(state);
  const q = await measureQueueRecalculation(state);
  console.log(q);
  queue.push(q);
  // Trigger to browser, on the smallest portfolio (the path does not depend on its size), while
  // its pages are still warm.
  if (size === sizes[0]) {
    console.log("bench: alert latency (ingested event → WebSocket message)…");
    warm(state);
    alertLatency = await measureAlertLatency(state);
    console.log(alertLatency);
  }
}

const result: BenchRun = {
  measured_at: new Date().toISOString(),
  machine: `${cpus().length}-core machine, local workerd/miniflare D1`,
  engine,
  queue,
  http,
  alert_latency: alertLatency!,
  pages,
  duration_s: (performance.now() - started) / 1000,
};
writeFileSync(
  new URL("../docs/performance.json", import.meta.url),
  `${JSON.stringify({ ...result, targets: targets(result) }, null, 2)}\n`,
);
writeFileSync(new URL("../docs/performance.md", import.meta.url), renderReport(result, eventCount));
console.table(targets(result).map(({ why: _why, ...t }) => t));
console.log(`bench: wrote docs/performance.md and docs/performance.json in ${Math.round(result.duration_s)} s`);
