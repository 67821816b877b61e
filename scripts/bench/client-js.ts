import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

// What each page makes the browser download: the Remix manifest of the production build
// (build/client) lists, per route, its module and the chunks it imports; the entry and root
// come with every page. Sizes are gzip, as served.

const ROUTES = ["routes/_index", "routes/clients.$id", "routes/executive", "routes/team", "routes/benchmarks"] as const;

interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[]; css?: string[] }>;
}

export function measureClientJs(clientDir: string) {
  const assets = `${clientDir}/assets/`;
  const file = readdirSync(assets).find((f) => f.startsWith("manifest-") && f.endsWith(".js"));
  if (!file) throw new Error(`no Remix manifest in ${assets}: run npm run build first`);
  const text = readFileSync(assets + file, "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
  const gz = (path: string) => gzipSync(readFileSync(clientDir + path)).length;
  const pages = ROUTES.map((route) => {
    const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
    for (const r of ["root", route]) {
      const m = manifest.routes[r];
      files.add(m.module);
      for (const i of m.imports ?? []) files.add(i);
    }
    const css = new Set([...(manifest.routes.root.css ?? []), ...(manifest.routes[route].css ?? [])]);
    return {
      page: route.replace("routes/", ""),
      js_gzip_kb: +([...files].reduce((t, f) => t + gz(f), 0) / 1024).toFixed(1),
      js_files: files.size,
      css_gzip_kb: +([...css].reduce((t, f) => t + gz(f), 0) / 1024).toFixed(1),
    };
  });
  return pages;
}
