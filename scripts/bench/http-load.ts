import type { EventEmitter } from "node:events";
import { readdirSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";

import autocannon from "autocannon";

import { DEV_USER_HEADER, startDevServer } from "./dev-server";

// Read endpoints under load, and the same SQL on raw SQLite (issue 9, parts 1 and 2).
// The built Worker runs under `wrangler dev` on a seeded state; each endpoint is hit at 1, 10
// and 50 concurrent connections (autocannon; every response's time is kept, so p50/p95/p99 are
// exact). One more request per endpoint carries `x-sql-trace`, which makes the
// Worker print every statement it ran; after the server stops, those statements are replayed
// with node:sqlite on the same D1 file: the floor that the Worker, D1, Drizzle, rendering and
// serialisation add to.

export interface Endpoint {
  name: string;
  path: string;
  user: string;
}
export interface LoadResult {
  connections: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  errors: number;
}
export interface EndpointResult {
  name: string;
  path: string;
  user: string;
  load: LoadResult[];
  raw_sql_ms: number;
  statements: number;
  ratio_p50_to_raw: number;
  slowest: { sql: string; params: unknown[]; ms: number }[];
}

const VP = "vp-cs@ethico.test";
const CSM = "jane.smith@ethico.test";

export function readEndpoints(clientId: string): Endpoint[] {
  const api = "/api/v1/client-success";
  return [
    // The fixed cost of any request: identity (one user lookup) and the answer, nothing else.
    { name: "GET /me (the floor)", path: `${api}/me`, user: CSM },
    { name: "portfolio page (VP, all clients)", path: "/", user: VP },
    { name: "portfolio page (CSM)", path: "/", user: CSM },
    { name: "GET /clients (VP, all clients)", path: `${api}/clients`, user: VP },
    { name: "GET /clients (CSM)", path: `${api}/clients`, user: CSM },
    { name: "client detail page", path: `/clients/${clientId}`, user: CSM },
    { name: "GET /clients/:id", path: `${api}/clients/${clientId}`, user: CSM },
    { name: "GET /clients/:id/health", path: `${api}/clients/${clientId}/health`, user: CSM },
    { name: "GET /clients/:id/usage", path: `${api}/clients/${clientId}/usage`, user: CSM },
    { name: "GET /clients/:id/timeline", path: `${api}/clients/${clientId}/timeline`, user: CSM },
    { name: "executive summary page (VP)", path: "/executive", user: VP },
    { name: "GET /analytics/portfolio (VP)", path: `${api}/analytics/portfolio`, user: VP },
  ];
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function load(url: string, user: string, connections: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  // Without a callback autocannon returns its tracker (an EventEmitter) made thenable.
  // One connection runs for `seconds`; more connections send a fixed number of requests (two
  // rounds each) and wait for every answer, so slow pages still count at 50 connections.
  const amount = connections > 1 ? connections * 2 : undefined;
  const started = performance.now();
  const instance = autocannon({
    url,
    connections,
    headers: { [DEV_USER_HEADER]: user },
    timeout: 120,
    ...(amount ? { amount } : { duration: seconds }),
  }) as unknown as EventEmitter & PromiseLike<autocannon.Result>;
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 400) errors += 1;
    times.push(ms);
  });
  const result = await instance;
  errors += result.errors + result.timeouts;
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    connections,
    requests: times.length,
    rps: Math.round(times.length / elapsed),
    p50_ms: round(pct(times, 50)),
    p95_ms: round(pct(times, 95)),
    p99_ms: round(pct(times, 99)),
    errors,
  };
}

/** Every statement one request ran, from the Worker's SQL trace. */
async function traceOf(
  base: string,
  ep: Endpoint,
  traces: Map<string, { sql: string; params: unknown[] }[]>,
  id: string,
) {
  traces.set(id, []);
  const res = await fetch(`${base}${ep.path}`, { headers: { [DEV_USER_HEADER]: ep.user, "x-sql-trace": id } });
  if (!res.ok) throw new Error(`${ep.name} answered ${res.status}`);
  await res.arrayBuffer();
  await new Promise((r) => setTimeout(r, 500)); // the trace lines arrive through wrangler's stdout
  return traces.get(id) ?? [];
}

/**
 * The same statements on the D1 file through node:sqlite: median of 15 runs, after 3 warm-ups.
 * Writes the endpoint makes (its audit rows) run too, inside a transaction rolled back each time,
 * so the file is left as it was; an insert becomes INSERT OR REPLACE, because the traced request
 * already committed the row with that id.
 */
function replay(
  file: string,
  statements: { sql: string; params: unknown[] }[],
): { total: number; slowest: { sql: string; params: unknown[]; ms: number }[] } {
  const db = new DatabaseSync(file);
  try {
    const prepared = statements.map((s) => ({
      stmt: db.prepare(s.sql.replace(/^\s*insert into/i, "insert or replace into")),
      params: s.params.map((p) => (typeof p === "boolean" ? Number(p) : p)) as (string | number | null)[],
    }));
    const once = () => {
      db.exec("BEGIN");
      const t = performance.now();
      for (const p of prepared) p.stmt.all(...p.params);
      const ms = performance.now() - t;
      db.exec("ROLLBACK");
      return ms;
    };
    for (let i = 0; i < 3; i++) once();
    const runs = Array.from({ length: 15 }, once).sort((a, b) => a - b);
    // Which statements the time goes to (each timed alone, median of 5).
    const each = prepared.map((p, k) => {
      const t = Array.from({ length: 5 }, () => {
        db.exec("BEGIN");
        const a = performance.now();
        p.stmt.all(...p.params);
        const ms = performance.now() - a;
        db.exec("ROLLBACK");
        return ms;
      }).sort((a, b) => a - b)[2];
      return { sql: statements[k].sql.replace(/\s+/g, " "), params: statements[k].params, ms: round(t) };
    });
    return { total: runs[7], slowest: each.sort((a, b) => b.ms - a.ms).slice(0, 3) };
  } finally {
    db.close();
  }
}

export function d1File(state: string): string {
  const dir = `${state}/v3/d1/miniflare-D1DatabaseObject`;
  const file = readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return `${dir}/${file}`;
}

export async function measureReadEndpoints(
  state: string,
  port: number,
  opts: { concurrency: number[]; seconds: number },
): Promise<EndpointResult[]> {
  const traces = new Map<string, { sql: string; params: unknown[] }[]>();
  const { base, stop } = await startDevServer(state, port, (line) => {
    const at = line.indexOf("SQLTRACE ");
    if (at < 0) return;
    const t = JSON.parse(line.slice(at + 9)) as { id: string; sql: string; params: unknown[] };
    traces.get(t.id)?.push({ sql: t.sql, params: t.params });
  });
  const measured: (Omit<EndpointResult, "raw_sql_ms" | "ratio_p50_to_raw" | "slowest"> & {
    trace: { sql: string; params: unknown[] }[];
  })[] = [];
  try {
    const clients = (await (
      await fetch(`${base}/api/v1/client-success/clients?limit=1&sort=name`, { headers: { [DEV_USER_HEADER]: CSM } })
    ).json()) as { data: { id: string }[] };
    for (const [i, ep] of readEndpoints(clients.data[0].id).entries()) {
      await load(`${base}${ep.path}`, ep.user, 1, 1); // warm: first compile, caches, the page's modules
      const results: LoadResult[] = [];
      for (const c of opts.concurrency) results.push(await load(`${base}${ep.path}`, ep.user, c, opts.seconds));
      const trace = await traceOf(base, ep, traces, `ep${i}`);
      measured.push({ name: ep.name, path: ep.path, user: ep.user, load: results, statements: trace.length, trace });
      console.log(
        `  ${ep.name}: ${results.map((r) => `c${r.connections} p50 ${r.p50_ms} p95 ${r.p95_ms} p99 ${r.p99_ms} ms`).join(" · ")} (${trace.length} statements)`,
      );
    }
  } finally {
    await stop();
  }
  const file = d1File(state);
  return measured.map(({ trace, ...m }) => {
    const raw = replay(file, trace);
    return {
      ...m,
      raw_sql_ms: round(raw.total),
      ratio_p50_to_raw: round(m.load[0].p50_ms / Math.max(raw.total, 0.1)),
      slowest: raw.slowest,
    };
  });
}
