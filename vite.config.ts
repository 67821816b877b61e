import { fileURLToPath } from "node:url";

import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// Remix builds build/client (served as Worker static assets) and build/server (imported by
// worker/index.ts as "remix-server-build"). The Worker itself is bundled by wrangler.
export default defineConfig({
  resolve: {
    // The tree's import aliases (tsconfig.json "paths"): #app/* and #worker/*.
    alias: {
      "#app": fileURLToPath(new URL("./app", import.meta.url)),
      "#worker": fileURLToPath(new URL("./worker", import.meta.url)),
    },
  },
  plugins: [
    tailwindcss(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  ssr: {
    target: "webworker",
    noExternal: true,
    resolve: {
      conditions: ["workerd", "worker", "browser"],
      externalConditions: ["workerd", "worker"],
    },
  },
  build: { minify: true },
});
