import { defineConfig } from "vitest/config";

// Tier 1: pure domain logic and the seed generator, in Node. Fast and exhaustive.
export default defineConfig({
  test: {
    include: ["worker/core/**/*.test.ts", "scripts/**/*.test.ts", "app/lib/**/*.test.ts"],
    setupFiles: ["./test/fail-on-console-error.ts"],
  },
});
