import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { assertBrowserAvailable } from "./browser";
// @ts-expect-error: a plain ESM script without types
import { ensureDevVars } from "../scripts/dev-vars.mjs";

// Serves the built Worker under `wrangler dev` with its own fresh local D1 (migrated and seeded
// with the default demo), so the browser sees what a newcomer sees after `npm start`.

const root = fileURLToPath(new URL("..", import.meta.url));
const state = fileURLToPath(new URL("./.artifacts/state", import.meta.url));
// Everything the Worker prints during the run, for the PII scan (9-pii-scan.e2e.test.ts).
const workerLog = fileURLToPath(new URL("./.artifacts/worker.log", import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;
const PORT = process.env.E2E_PORT ?? "8799";
let server: ChildProcess | undefined;
let output = "";

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitForServer(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`wrangler dev exited:\n${output}`);
    try {
      // Signed in: with no identity the API answers 401 (local development has no default user).
      const res = await fetch(url, { headers: { "x-dev-user": "vp-cs@ethico.test" } });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${ms} ms:\n${output}`);
}

export default async function setup(project: TestProject) {
  assertBrowserAvailable();
  ensureDevVars();
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--env", "local", "--persist-to", state]);
  run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/seed.ts", "--state", state]);
  run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/churn-train.ts", "--state", state]);
  run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/alerts-evaluate.ts", "--state", state]);
  server = spawn(bin("wrangler"), ["dev", "--env", "local", "--port", PORT, "--ip", "127.0.0.1", "--persist-to", state, "--show-interactive-dev-session=false"], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  writeFileSync(workerLog, "");
  const keep = (d: Buffer) => {
    output += d;
    appendFileSync(workerLog, d);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const baseUrl = `http://127.0.0.1:${PORT}`;
  await waitForServer(`${baseUrl}/api/v1/client-success/me`, 60_000);
  project.provide("baseUrl", baseUrl);
  project.provide("statePath", state);
  project.provide("workerLog", workerLog);
  return () => {
    server?.kill("SIGTERM");
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    statePath: string;
    workerLog: string;
  }
}
