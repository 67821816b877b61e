import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

// The data-access rule (docs/decisions/022-data-access-rule.md), checked on the source: only
// worker/db knows the tables and writes SQL. Services, routes, jobs, pages and everything else
// call query functions in worker/db/queries. A new `import { clients } from "../db/schema"` in a
// service fails here rather than in review.

const root = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || path === join("worker", "db") ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** Every module specifier of a file: static and type imports, re-exports, dynamic imports. */
export function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]);
}

const isTableModule = (spec: string) => /(^|\/)db\/(schema|tables)(\/|\.|$)/.test(spec);
const isDrizzle = (spec: string) => spec === "drizzle-orm" || spec.startsWith("drizzle-orm/");

const files = [...sourceFiles("worker"), ...sourceFiles("app")].map((f) => relative(root, join(root, f)));
const offenders = (bad: (spec: string) => boolean) =>
  files.flatMap((f) =>
    specifiers(readFileSync(join(root, f), "utf8"))
      .filter(bad)
      .map((spec) => `${f} imports ${spec}`),
  );

describe("data-access rule (decision 022)", () => {
  it("reads the tree it guards", () => {
    expect(files.some((f) => f.startsWith(join("worker", "services")))).toBe(true);
    expect(files.some((f) => f.startsWith(join("worker", "api")))).toBe(true);
    expect(files.some((f) => f.startsWith(join("worker", "jobs")))).toBe(true);
    expect(files.some((f) => f.startsWith("app"))).toBe(true);
    expect(files.some((f) => f.startsWith(join("worker", "db")))).toBe(false);
  });

  it("finds table imports however they are written", () => {
    expect(
      specifiers(
        `import { clients } from "../db/schema";\nimport type { X } from '../../db/tables/crm';\nexport * from "./db/schema";\nconst m = await import("../db/tables/people");`,
      ).filter(isTableModule),
    ).toHaveLength(4);
    expect(
      specifiers(`import { getDb } from "../db/client";\nimport { listClients } from "../db/queries/clients";`).filter(
        isTableModule,
      ),
    ).toEqual([]);
  });

  it("no file outside worker/db imports db/schema or db/tables", () => {
    expect(offenders(isTableModule)).toEqual([]);
  });

  it("no file outside worker/db imports drizzle-orm (no SQL built in services, routes, jobs or pages)", () => {
    expect(offenders(isDrizzle)).toEqual([]);
  });
});
