import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// Tier 3: the built Worker under `wrangler dev`, driven by Playwright in Debian's Chromium. Each
// file has its own Worker and database (e2e/local-worker.ts), so files run in any order and may
// run side by side (E2E_WORKERS=2); one at a time by default, because on a two-core machine two
// files (two workerd and two Chromium) were slower in total and hit the 30 s test timeout.
export default defineConfig({
  resolve: {
    alias: {
      "#app": fileURLToPath(new URL("./app", import.meta.url)),
      "#worker": fileURLToPath(new URL("./worker", import.meta.url)),
    },
  },
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["./e2e/global-setup.ts"],
    setupFiles: ["./test/fail-on-console-error.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: Number(process.env.E2E_WORKERS ?? 1),
  },
});
