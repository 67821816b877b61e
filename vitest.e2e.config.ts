import { defineConfig } from "vitest/config";

// Tier 3: the built Worker under `wrangler dev`, driven by Playwright in Debian's Chromium. Each
// file has its own Worker and database (e2e/local-worker.ts), so files run in any order and
// side by side.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    globalSetup: ["./e2e/global-setup.ts"],
    setupFiles: ["./test/fail-on-console-error.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
