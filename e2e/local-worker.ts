import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

import { inject } from "vitest";

import { scanForPii } from "./pii-scan";

// Each e2e file gets its own Worker: a copy of the seeded template state (global-setup.ts) under
// `wrangler dev` on ports of its own, stopped after the file. Files share no data, so they pass
// in any order and may run side by side.

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;
const E2E_DIR = fileURLToPath(new URL(".", import.meta.url));
const FILES = readdirSync(E2E_DIR)
  .filter((f) => f.endsWith(".e2e.test.ts"))
  .sort();

export interface LocalWorker {
  baseUrl: string;
  /** The file's own local D1 and other state (a copy of the template). */
  statePath: string;
  /** Everything this file's `wrangler dev` printed. */
  logPath: string;
  /** Calls the API as `email` (local dev identity), as a same-origin page would. */
  api(email: string, path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts this test file's Worker (top-level await in the file) and stops it after the file's
 * tests, then checks the file's log and AI prompts hold no contact's email or phone number.
 */
export async function useLocalWorker(
  testFile: string,
  afterAll: (fn: () => Promise<void>, timeout?: number) => void,
): Promise<LocalWorker> {
  const name = basename(fileURLToPath(testFile)).replace(/\.e2e\.test\.ts$/, "");
  const dir = `${inject("artifactsDir")}/${name}`;
  const statePath = `${dir}/state`;
  const logPath = `${dir}/worker.log`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(inject("templateState"), statePath, { recursive: true });
  writeFileSync(logPath, "");

  const port = await freePortPair(`${name}.e2e.test.ts`);
  let output = "";
  const server = spawn(
    bin("wrangler"),
    [
      "dev",
      "--env",
      "local",
      "--port",
      String(port),
      "--inspector-port",
      String(port + 1),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      statePath,
      "--show-interactive-dev-session=false",
    ],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (d: Buffer) => {
    output += d;
    appendFileSync(logPath, d);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  // If the run is cut short (Ctrl-C), afterAll never runs: do not leave the server behind.
  process.once("exit", () => server.kill("SIGKILL"));
  const baseUrl = `http://127.0.0.1:${port}`;
  afterAll(async () => {
    await stop(server);
    const scan = scanForPii(statePath, logPath);
    if (scan.secrets < 100)
      throw new Error(`the PII scan found only ${scan.secrets} contact emails and phones in ${statePath}`);
    if (scan.leaks.length > 0) throw new Error(`contact details leaked in ${name}: ${scan.leaks.join("; ")}`);
  }, 30_000);
  try {
    await waitForServer(server, `${baseUrl}/api/v1/client-success/me`, 90_000, () => output);
  } catch (e) {
    await stop(server);
    throw e;
  }
  return {
    baseUrl,
    statePath,
    logPath,
    api(email, path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set("x-dev-user", email);
      if (typeof init.body === "string" && !headers.has("content-type"))
        headers.set("content-type", "application/json");
      if (!headers.has("origin")) headers.set("origin", baseUrl);
      return fetch(`${baseUrl}/api/v1/client-success${path}`, { ...init, headers });
    },
  };
}

/**
 * The file's ports: E2E_PORT (default 8799) plus two per e2e file in name order, so files that run
 * side by side never pick the same ones; if that pair is taken (another run, another program),
 * the same slot one round of files higher. The second port is the inspector's.
 */
async function freePortPair(file: string): Promise<number> {
  const base = Number(process.env.E2E_PORT ?? "8799");
  const slot = Math.max(0, FILES.indexOf(file));
  for (let round = 0; round < 20; round++) {
    const port = base + 2 * (slot + round * FILES.length);
    if ((await isFree(port)) && (await isFree(port + 1))) return port;
  }
  throw new Error(`no free port pair for ${file} from ${base}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function waitForServer(server: ChildProcess, url: string, ms: number, output: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited:\n${output()}`);
    try {
      // Signed in: with no identity the API answers 401 (local development has no default user).
      const res = await fetch(url, { headers: { "x-dev-user": "vp-cs@ethico.test" } });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${ms} ms:\n${output()}`);
}

/** SIGTERM, and SIGKILL if wrangler has not exited 10 s later, so a file never leaves a server behind. */
function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    server.kill("SIGTERM");
  });
}
