import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tier 2: the Worker inside workerd with real D1. Needs `npm run build` first (the Worker
// imports the Remix server bundle). Migrations are applied by test/setup.ts.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: "./worker/index.ts",
      wrangler: { configPath: "./wrangler.toml", environment: "local" },
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations(here("./migrations")) },
      },
    })),
  ],
  resolve: {
    alias: {
      "remix-server-build": here("./build/server/index.js"),
      "~": here("./app"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts", "./test/fail-on-console-error.ts"],
  },
});
