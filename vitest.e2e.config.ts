import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ByFileName } from "./e2e/sequencer";

// Tier 3: the built Worker under `wrangler dev`, driven by Playwright in Debian's Chromium.
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
    fileParallelism: false,
    sequence: { sequencer: ByFileName },
  },
});
