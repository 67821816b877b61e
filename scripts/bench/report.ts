import type { measureClientJs } from "./client-js";
import type { EndpointResult } from "./http-load";
import type { QueueRecalcResult } from "./queue-recalc";

// docs/performance.md from one run's figures: the method, every measured table, and the targets
// of issue 9 checked against the 10,000-client figures, with what stands behind each miss.

/** What scripts/bench/engine.ts measures per size. */
export interface EngineResult {
  clients: number;
  full_recalculation_s: number;
  recalculated_clients_per_s: number;
  ingestion_events: number;
  ingestion_accept_events_per_s: number;
  ingestion_end_to_end_events_per_s: number;
  ingestion_with_recalculation_events_per_s: number;
  ingestion_touched_clients: number;
  churn_training_s: number;
  churn_scored_clients: number;
  churn_backtest_auc: number | null;
  /** The churn phase split into steps, with its heap (scripts/bench/churn.ts); absent in runs before issue 17. */
  churn?: ChurnBench;
}

/** The churn phase (scripts/bench/churn.ts). */
export interface ChurnBench {
  clients: number;
  read_s: number;
  train_s: number;
  score_s: number;
  total_s: number;
  heap_before_mb: number;
  heap_peak_sampled_mb: number;
  heap_growth_mb: number;
  rss_max_mb: number;
  model: string;
  training_rows: number;
  candidates: { model: string; auc: number | null }[];
  backtest_auc: number | null;
}

export interface ChurnModelBench {
  measured_at: string;
  training: ChurnBench;
  public_data: {
    file: string;
    rows: number;
    churned: number;
    folds: number;
    winner: string;
    rounds: number;
    candidates: { model: string; auc: number | null; brier: number | null }[];
    seconds: number;
  } | null;
}

export interface BenchRun {
  measured_at: string;
  machine: string;
  engine: EngineResult[];
  /** The hourly recalculation through the real cron and queue, per size (scripts/bench/queue-recalc.ts). */
  queue: QueueRecalcResult[];
  http: { clients: number; endpoints: EndpointResult[] }[];
  alert_latency: { runs: number; median_ms: number; p95_ms: number; max_ms: number };
  pages: ReturnType<typeof measureClientJs>;
  duration_s: number;
  /** `npm run bench:churn` (or the engine's churn phase): training cost and model quality. */
  churn_model?: ChurnModelBench;
}

const n = (x: number) => x.toLocaleString("en-US");
const at = (e: EndpointResult, c: number) => e.load.find((l) => l.connections === c);

export interface Target {
  name: string;
  limit: string;
  measured: string;
  met: boolean;
  why: string;
}

/** Issue 9's targets, at the largest size measured. */
export function targets(run: BenchRun): Target[] {
  const big = run.http.at(-1)!;
  const engine = run.engine.at(-1)!;
  const ep = (name: string) => big.endpoints.find((e) => e.name === name)!;
  const list = ep("GET /clients (VP, all clients)");
  const floor = big.endpoints.find((e) => e.name.startsWith("GET /me"));
  const detail = ep("GET /clients/:id");
  const ratios = big.endpoints.filter((e) => e !== floor && e.ratio_p50_to_raw > 3);
  return [
    {
      name: "portfolio API p95 at 10 concurrent users",
      limit: "≤ 100 ms",
      measured: `${at(list, 10)?.p95_ms} ms`,
      met: (at(list, 10)?.p95_ms ?? Infinity) <= 100,
      why: "`wrangler dev` runs one workerd isolate on one thread: ten concurrent requests queue behind each other, so p95 at 10 is about ten times one request. Production spreads requests over many isolates and machines; what would close it here is the single-request time (the column at 1), which is the floor.",
    },
    {
      name: "client detail (GET /clients/:id) p95 at 10 concurrent",
      limit: "≤ 50 ms",
      measured: `${at(detail, 10)?.p95_ms} ms (1 user: ${at(detail, 1)?.p95_ms} ms)`,
      met: (at(detail, 10)?.p95_ms ?? Infinity) <= 50,
      why: `The same queueing on one thread: ten requests wait for each other. Even GET /me, which reads one user row and nothing else, has a p95 of ${floor ? `${at(floor, 10)?.p95_ms} ms` : "n/a"} at 10 connections here; the client detail adds its reads (one batch) and the audit write. One request alone answers in ${at(detail, 1)?.p50_ms} ms at p50. Production runs concurrent requests on separate isolates, so the single-request time is the one that carries over.`,
    },
    queueTarget(run.queue?.at(-1), engine),
    {
      name: "ingestion, end to end to the rollups",
      limit: "≥ 5,000 events/s",
      measured: `${n(engine.ingestion_end_to_end_events_per_s)} events/s (with the touched clients' recalculation: ${n(engine.ingestion_with_recalculation_events_per_s)})`,
      met: engine.ingestion_end_to_end_events_per_s >= 5000,
      why: "The fold writes each event's user-day and the client's daily usage rollup; what remains is D1's write path (one local SQLite process, every statement a round trip).",
    },
    {
      name: "trigger to WebSocket alert (p95)",
      limit: "≤ 1 s",
      measured: `${run.alert_latency.p95_ms} ms`,
      met: run.alert_latency.p95_ms <= 1000,
      why: "The event waits for the events queue's batch timeout (1 s locally and in production) before the consumer folds it; the fold, recalculation, rules and the Durable Object take the rest. A shorter max_batch_timeout trades fewer, larger batches for latency.",
    },
    {
      name: "every read endpoint within 3× its raw SQLite time",
      limit: "≤ 3×",
      measured: ratios.length
        ? `${ratios.length} of ${big.endpoints.length - 1} over: ${ratios.map((e) => `${e.name} ${e.ratio_p50_to_raw}×`).join(", ")}`
        : "all within",
      met: ratios.length === 0,
      why: `An endpoint whose SQL takes a fraction of a millisecond cannot be within 3× of it: every request pays a fixed cost (GET /me, one user lookup: ${floor ? `${at(floor, 1)?.p50_ms} ms` : "n/a"} at p50) for wrangler's local proxy, the HTTP round trip and identity, and every statement a round trip to the local D1 process (about 1 ms each; the client page runs 35). The endpoints where the SQL is the work are within 3×. Closing the rest means fewer statements per request: one batch for the scope check, the audit row and the read.`,
    },
  ];
}

function queueTarget(q: QueueRecalcResult | undefined, engine: EngineResult): Target {
  const name = "full recalculation through the queue (hourly cron → recalculation queue → consumer)";
  if (!q)
    return {
      name,
      limit: "≤ 60 s",
      measured: `not measured (in-process: ${engine.full_recalculation_s} s)`,
      met: false,
      why: "This run did not drive the queue.",
    };
  return {
    name,
    limit: "≤ 60 s",
    measured: `${q.seconds} s for ${n(q.clients)} clients (in-process, batch after batch: ${engine.full_recalculation_s} s)`,
    met: q.seconds <= 60,
    why: `The cron queues ${n(Math.ceil(q.clients / 100))} messages of 100 clients; one local consumer takes them 10 at a time (${q.consumer_batches} batches here, the slowest ${n(q.slowest_batch_ms)} ms), ranking adoption percentiles and rebuilding the day's rollup once per batch. Locally the batches run one after another on one workerd; production runs up to the queue's consumer concurrency in parallel. What would take it further: reading health, churn and alert inputs once per batch instead of once per stage.`,
  };
}

export function renderReport(run: BenchRun, eventCount: number): string {
  const engineRows = run.engine
    .map(
      (r) =>
        `| ${n(r.clients)} | ${r.full_recalculation_s} s | ${n(r.recalculated_clients_per_s)} | ${n(r.ingestion_accept_events_per_s)} | ${n(r.ingestion_end_to_end_events_per_s)} | ${n(r.ingestion_with_recalculation_events_per_s)} (${n(r.ingestion_touched_clients)} clients) | ${r.churn_training_s} s | ${r.churn_backtest_auc?.toFixed(3) ?? "n/a"} |`,
    )
    .join("\n");
  const httpTables = run.http
    .map(({ clients, endpoints }) => {
      const rows = endpoints
        .map(
          (e) =>
            `| ${e.name} | ${e.load.map((l) => `${l.p50_ms} / ${l.p95_ms} / ${l.p99_ms}`).join(" | ")} | ${n(at(e, 10)?.rps ?? 0)} |`,
        )
        .join("\n");
      const raw = endpoints
        .map(
          (e) =>
            `| ${e.name} | ${e.statements} | ${at(e, 1)?.p50_ms} ms | ${e.raw_sql_ms} ms | ${e.ratio_p50_to_raw}× | ${e.slowest[0] ? `${e.slowest[0].ms} ms: \`${e.slowest[0].sql.slice(0, 90).replace(/\|/g, "\\|")}…\`` : "—"} |`,
        )
        .join("\n");
      return `### ${n(clients)} clients

Response time in ms, p50 / p95 / p99, at 1, 10 and 50 concurrent connections; requests per second at 10.

| endpoint | 1 | 10 | 50 | req/s at 10 |
|---|---:|---:|---:|---:|
${rows}

The same SQL on raw SQLite (node:sqlite on the same file; median of 15 runs) against the endpoint's p50 at 1 connection:

| endpoint | statements | endpoint p50 | raw SQL | ratio | slowest statement |
|---|---:|---:|---:|---:|---|
${raw}`;
    })
    .join("\n\n");
  const t = targets(run);
  return `# Benchmarks

Measured ${run.measured_at} by \`npm run bench\` (${Math.round(run.duration_s)} s in all) on this project's ${run.machine}.
Figures: \`docs/performance.json\`. Scaling beyond one database: \`docs/scaling.md\`.

## Targets (issue 9, at ${n(run.engine.at(-1)!.clients)} clients)

| target | limit | measured | |
|---|---|---|---|
${t.map((x) => `| ${x.name} | ${x.limit} | ${x.measured} | ${x.met ? "met" : "missed"} |`).join("\n")}

${t
  .filter((x) => !x.met)
  .map((x) => `- **${x.name}, missed.** ${x.why}`)
  .join("\n")}

**Measured on the steady state, not on the first evaluation ever.** Until 2026-11-25 a freshly
seeded database measured far worse than the same one half an hour later (at 10,000 clients:
recalculation 121 s against 49 s, alert p95 1.2 s against 416 ms). The cause was the bench: a
new seed has no alerts, so the first recalculation raised every alert the seeded history deserves
(3,205 at 1,000 clients) and their deliveries queued ahead of the alert being timed; a rerun
found them open. Each database is now brought to the state \`npm start\` leaves the demo in
(churn model trained, seeded alerts raised and counted as delivered) before anything is measured,
and the engine's undo removes the alerts its new day raised, so a fresh seed and a rerun measure
the same work.

## Method

\`npm run bench\` seeds its own databases (\`bench/.data/<size>\`: 400 days of history, the demo
generator at 1,000 and 10,000 clients, reused when seeded the same day, flushed to disk after
seeding, then given its churn model and its seeded alerts as \`npm start\` does), applies the
migrations, reads the database file into the page cache before each phase (this machine empties
its cache when idle, and cold pages measure the disk: the same recalculation of 10,000 clients
took 72 s cold and 41 s warm), and measures:

- **Engine** (the Worker's service code on the local D1 through wrangler's platform proxy): a full
  recalculation of every active client for a new day (snapshots, churn scores, alert rules, the
  daily rollup), in the queue's batches of 100 one after another; ingestion of ${n(eventCount)} events
  in batches of 1,000, "accept" being what \`POST /events\` does before the queue, "to rollups"
  adding the consumer's fold into the user-day and daily usage rollups, and the last column the
  consumer's recalculation of every client the events touched as well; churn model training
  (read, backtest, fit) and scoring every client. Through the proxy, every \`prepare\` and \`bind\`
  is a call into workerd (about 3.5 ms for each new alert's insert), so these figures are above
  what the same code costs inside the Worker: compare the recalculation through the queue.
- **HTTP** (the production build under \`wrangler dev\`, one workerd process): each read endpoint
  at 1 connection for a few seconds, and 10 and 50 concurrent connections for two requests each, with autocannon, every response's
  time kept. VP requests see every client; CSM requests Jane Smith's book.
- **Raw SQL**: one more request per endpoint carries \`x-sql-trace\` (local mode only), and the
  Worker prints each statement it ran; those statements are replayed with node:sqlite on the
  same D1 file (writes in a rolled-back transaction). The ratio shows what the Worker, D1's
  local process, Drizzle, rendering and serialisation add.
- **Alerts**: one detractor NPS answer posted to \`POST /events\`, timed until its alert reaches
  the CSM's WebSocket (events queue, fold, recalculation, rules, outbox, Durable Object); seven
  timed runs after one untimed one (a just-started server on cold pages).
- **Pages**: the JavaScript each page downloads (gzip), from the build's manifest.

## Engine

| active clients | full recalculation (in-process) | clients/s | ingestion accept (events/s) | ingestion to rollups (events/s) | with recalculation of touched clients (events/s) | churn training + scoring | backtest AUC |
|---:|---:|---:|---:|---:|---:|---:|---:|
${engineRows}

${churnSection(run)}

## Recalculation through the queue

The production path under \`wrangler dev\`: \`GET /__scheduled\` fires the hourly cron, which queues
every active client in messages of 100; the recalculation consumer (batches of up to 10
messages) recalculates health, adoption, churn risk and alert rules, refreshes the day's rollup,
dispatches alerts and queues CRM pushes. Today's snapshots are deleted first so that every one is
written again (checked at the end); the clock stops when the consumer has logged every client.

| active clients | through the queue | clients/s | consumer batches | slowest batch | snapshots written | errors logged |
|---:|---:|---:|---:|---:|---:|---:|
${(run.queue ?? []).map((q) => `| ${n(q.clients)} | ${q.seconds} s | ${n(q.clients_per_s)} | ${q.consumer_batches} | ${n(q.slowest_batch_ms)} ms | ${n(q.snapshots_rewritten)} | ${q.errors.length} |`).join("\n")}

## Read endpoints

${httpTables}

## Alerts: from trigger to the browser

| runs | median | p95 | max |
|---:|---:|---:|---:|
| ${run.alert_latency.runs} | ${run.alert_latency.median_ms} ms | ${run.alert_latency.p95_ms} ms | ${run.alert_latency.max_ms} ms |

## Pages: what the browser downloads

Charts are rendered on the server (decision 007), so no chart code is in these figures.

| page | JavaScript | files | CSS |
|---|---:|---:|---:|
${run.pages.map((p) => `| ${p.page} | ${p.js_gzip_kb} kB | ${p.js_files} | ${p.css_gzip_kb} kB |`).join("\n")}
`;
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : v.toFixed(3));
const LABEL: Record<string, string> = {
  logistic_regression: "logistic regression",
  gradient_boosted_trees: "gradient-boosted trees",
};

/** Training time and memory of the weekly churn model, and how well it ranks (issue 17). */
function churnSection(run: BenchRun): string {
  const fromEngine = run.engine.filter((e) => e.churn).map((e) => e.churn!);
  const rows = [
    ...fromEngine,
    ...(run.churn_model && !fromEngine.some((e) => e.clients === run.churn_model!.training.clients)
      ? [run.churn_model.training]
      : []),
  ];
  if (rows.length === 0) return "";
  const pub = run.churn_model?.public_data ?? null;
  const auc = (c: ChurnBench, m: string) => f3(c.candidates.find((x) => x.model === m)?.auc);
  return `## Churn model: training cost and ranking

The weekly training as the cron runs it (\`retrainChurnModel\`): read 45 buckets of history per
client from D1, compare regularised logistic regression with gradient-boosted trees over
rolling-origin folds by observation date, fit the winner on everything known, set the book's
relative risk bands, and score and write every active client. Heap is the JavaScript heap in use
after the training step against before it (the history, rows and models are all alive then), the
figure to hold against a Worker isolate's 128 MB; peak RSS is the whole node process (the proxy
and its own code included)${run.churn_model ? `, measured alone by \`npm run bench:churn\` (${run.churn_model.measured_at.slice(0, 10)})` : ""}.

| active clients | training rows | read | compare + fit | score + write | total | heap growth | peak RSS | chosen | LR AUC | trees AUC |
|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|
${rows.map((c) => `| ${n(c.clients)} | ${n(c.training_rows)} | ${c.read_s} s | ${c.train_s} s | ${c.score_s} s | ${c.total_s} s | ${c.heap_growth_mb} MB | ${c.rss_max_mb} MB | ${LABEL[c.model] ?? c.model} | ${auc(c, "logistic_regression")} | ${auc(c, "gradient_boosted_trees")} |`).join("\n")}

AUC columns are each candidate's out-of-fold AUC on the same time folds (next renewal lost or not).
${
  pub
    ? `
On public data (\`npm run churn:evaluate -- --csv ${pub.file} --target Churn\`, ${n(pub.rows)} customers, ${n(pub.churned)} churned, stratified ${pub.folds}-fold CV, ${pub.seconds} s):

| candidate | AUC | Brier |
|---|---:|---:|
${pub.candidates.map((c) => `| ${LABEL[c.model] ?? c.model}${c.model === pub.winner ? " (chosen)" : ""}${c.model === "gradient_boosted_trees" ? `, ${pub.rounds} rounds` : ""} | ${f3(c.auc)} | ${f3(c.brier)} |`).join("\n")}

The reference figures for this file (scikit-learn defaults) are 0.81 for plain logistic regression
and 0.91 for histogram gradient-boosted trees. On synthetic look-alike data where a linear model is
the truth (\`worker/core/churn/model-selection.test.ts\`) the selector keeps logistic regression
(trees lose 0.02–0.04 AUC on fresh rows there); where churn comes from thresholds and
interactions it chooses trees (+0.07 AUC on fresh rows).
`
    : ""
}`;
}
