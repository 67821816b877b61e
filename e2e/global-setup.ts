import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { TestProject } from "vitest/node";

// @ts-expect-error: a plain ESM script without types
import { ensureDevVars } from "../scripts/dev-vars.mjs";
import { assertBrowserAvailable } from "./browser";

// Builds the state every e2e file starts from, once: a fresh local D1, migrated and seeded with
// the default demo (what a newcomer sees after `npm start`), the churn model trained and alerts
// evaluated. Each file copies it and serves it with its own `wrangler dev` (local-worker.ts).

const root = fileURLToPath(new URL("..", import.meta.url));
const artifacts = fileURLToPath(new URL("./.artifacts", import.meta.url));
const template = `${artifacts}/template-state`;
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

export default function setup(project: TestProject) {
  assertBrowserAvailable();
  ensureDevVars();
  rmSync(template, { recursive: true, force: true });
  mkdirSync(template, { recursive: true });
  run(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--env", "local", "--persist-to", template]);
  run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/seed.ts", "--state", template]);
  run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/churn-train.ts", "--state", template]);
  run(bin("tsx"), ["--disable-warning=ExperimentalWarning", "scripts/alerts-evaluate.ts", "--state", template]);
  project.provide("templateState", template);
  project.provide("artifactsDir", artifacts);
}

declare module "vitest" {
  export interface ProvidedContext {
    templateState: string;
    artifactsDir: string;
  }
}
