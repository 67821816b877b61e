// npm start: build, apply migrations to the local D1, seed the demo when the database is empty,
// then serve the Worker on http://localhost:8787 (PORT overrides) in local development mode.
import { spawn, spawnSync } from "node:child_process";

import { ensureDevVars } from "./dev-vars.mjs";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const port = process.env.PORT ?? "8787";
if (!/^\d{2,5}$/.test(port)) {
  console.error(`start: PORT must be a port number, got "${port}"`);
  process.exit(2);
}

function step(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`start: "${label}" failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

if (ensureDevVars()) console.log("▶ Created .dev.vars (local secrets) from .dev.vars.example");
step("Build (Remix + Vite)", bin("remix"), ["vite:build"]);
step("Apply migrations to local D1", bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--env", "local"]);
step("Seed demo data if the database is empty", bin("tsx"), [
  "--disable-warning=ExperimentalWarning",
  "scripts/seed.ts",
  "--if-empty",
]);
step("Train the churn model if none is trained", bin("tsx"), [
  "--disable-warning=ExperimentalWarning",
  "scripts/churn-train.ts",
  "--if-missing",
]);
step("Raise the demo's alerts if there are none", bin("tsx"), [
  "--disable-warning=ExperimentalWarning",
  "scripts/alerts-evaluate.ts",
  "--if-empty",
]);

console.log(
  `\n▶ Serving on http://localhost:${port} (open it on localhost or 127.0.0.1: development sign-in works on a loopback host only)`,
);
const dev = spawn(bin("wrangler"), ["dev", "--env", "local", "--port", port, "--ip", "127.0.0.1"], {
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));
