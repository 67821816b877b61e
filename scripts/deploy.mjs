// npm run deploy [-- wrangler deploy options]: `wrangler deploy` after the guard
// (scripts/deploy-guard.mjs) and a fresh build. Never the local environment.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

import { deployRefusal } from "./deploy-guard.mjs";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const args = process.argv.slice(2);
const refusal = deployRefusal(args, readFileSync(new URL("../wrangler.toml", import.meta.url), "utf8"), process.env);
if (refusal) {
  console.error(`deploy: ${refusal}`);
  process.exit(2);
}
for (const [label, cmd, cmdArgs] of [
  ["Build (Remix + Vite)", bin("remix"), ["vite:build"]],
  ["Deploy", bin("wrangler"), ["deploy", ...args]],
]) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
