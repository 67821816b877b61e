import { fileURLToPath } from "node:url";

import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// @ts-expect-error: a plain ESM script without types
import { exampleDevVars } from "./scripts/dev-vars.mjs";
import { startFakeServices } from "./test/fakes/fake-services";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tier 2: the Worker inside workerd with real D1. Needs `npm run build` first (the Worker
// imports the Remix server bundle). Migrations are applied by test/setup.ts. SendGrid and Slack
// are local fakes (test/fakes) that live as long as the test run.
const fakes = await startFakeServices();

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: "./worker/index.ts",
      wrangler: { configPath: "./wrangler.toml", environment: "local" },
      miniflare: {
        bindings: {
          // The local secrets of .dev.vars.example, so tests pass on a fresh clone and do not
          // depend on what a developer put in their own .dev.vars.
          ...exampleDevVars(),
          TEST_MIGRATIONS: await readD1Migrations(here("./migrations")),
          FAKES_URL: fakes.url,
          SENDGRID_BASE_URL: fakes.url,
          SENDGRID_API_KEY: "SG.test-key",
          // Short, so the CRM timeout tests wait one second rather than fifteen.
          CRM_TIMEOUT_MS: "1000",
          SLACK_WEBHOOK_URL: `${fakes.url}/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`,
        },
      },
    })),
  ],
  resolve: {
    alias: {
      "remix-server-build": here("./build/server/index.js"),
      "#app": here("./app"),
      "#worker": here("./worker"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts", "./test/fail-on-console-error.ts"],
    // Generous: a timeout is a hang detector, not a speed target (those live in npm run bench);
    // a loaded CI machine took 5–6 s for a churn retrain that takes 1 s alone.
    testTimeout: 20_000,
  },
});
