import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

// The local D1 database is a SQLite file that wrangler/miniflare keep under .wrangler/state.
// Seeding writes to it directly (docs/decisions/002-seed-into-the-local-d1-file.md): millions of
// rows in seconds, where going through the D1 API would take many minutes.

/** `stateDir` is wrangler's --persist-to directory (default .wrangler/state). */
export function findLocalD1File(stateDir = join(process.cwd(), ".wrangler/state")): string {
  const dir = join(stateDir, "v3/d1/miniflare-D1DatabaseObject");
  const candidates = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    : [];
  for (const file of candidates) {
    const path = join(dir, file);
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const hasClients = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='clients'").get();
      if (hasClients) return path;
    } finally {
      db.close();
    }
  }
  throw new Error(`No migrated local D1 database under ${dir}. Run "npm run db:migrate:local" first.`);
}
