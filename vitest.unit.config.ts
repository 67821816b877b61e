import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// Tier 1: pure domain logic and the seed generator, in Node. Fast and exhaustive.
export default defineConfig({
  resolve: {
    alias: {
      "#app": fileURLToPath(new URL("./app", import.meta.url)),
      "#worker": fileURLToPath(new URL("./worker", import.meta.url)),
    },
  },
  test: {
    include: ["worker/core/**/*.test.ts", "scripts/**/*.test.ts", "app/lib/**/*.test.ts"],
    setupFiles: ["./test/fail-on-console-error.ts"],
  },
});
