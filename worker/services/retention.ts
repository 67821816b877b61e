import { can } from "#worker/core/access-policy";
import { isoDate } from "#worker/core/dates";
import { RETENTION_RULES, retentionCutoff, type RetentionRule } from "#worker/core/retention/retention-rules";
import type { Db } from "#worker/db/client";
import { countOlderThan, deleteChunkOlderThan } from "#worker/db/queries/retention";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { deny } from "./client-access";

// The daily retention job (PRD "Data Retention", core/retention): what is older than its period
// goes, in chunks so no statement runs long, each chunk one D1 batch with what depends on it (an
// alert's delivery log goes with the alert). The dry run counts the same rows and deletes nothing.
// Every real run is written to the audit trail with what it removed.

const CHUNK = 5000;

export interface RetentionLine {
  table: string;
  kind: RetentionRule["kind"];
  years: number;
  cutoff: string;
  rows: number;
}
export interface RetentionReport {
  dry_run: boolean;
  as_of: string;
  lines: RetentionLine[];
  total: number;
}

async function deleteOld(db: Db, r: RetentionRule, cutoff: string): Promise<number> {
  let removed = 0;
  for (;;) {
    const gone = await deleteChunkOlderThan(db, r, cutoff, CHUNK);
    removed += gone;
    if (gone < CHUNK) return removed;
  }
}

/** The job itself (cron), or its dry run: per rule the cutoff and the rows that go. */
export async function enforceRetention(db: Db, now: Date, dryRun: boolean): Promise<RetentionReport> {
  const today = isoDate(now);
  const lines: RetentionLine[] = [];
  for (const r of RETENTION_RULES) {
    const cutoff = retentionCutoff(today, r.years);
    lines.push({
      table: r.table,
      kind: r.kind,
      years: r.years,
      cutoff,
      rows: dryRun ? await countOlderThan(db, r, cutoff) : await deleteOld(db, r, cutoff),
    });
  }
  return { dry_run: dryRun, as_of: today, lines, total: lines.reduce((t, l) => t + l.rows, 0) };
}

/** GET /retention: the dry run, for admins and the VP of Client Success. */
export async function retentionDryRun(db: Db, user: EthicoUserRow, now: Date): Promise<RetentionReport> {
  if (!can(user.role, "retention.read"))
    await deny(
      db,
      user,
      { action: "read", resourceType: "retention" },
      "Only an admin or the VP of Client Success can see the retention report",
    );
  const report = await enforceRetention(db, now, true);
  await recordAudit(db, {
    user,
    action: "read",
    resourceType: "retention",
    outcome: "SUCCESS",
    details: { dry_run: true, total: report.total },
  });
  return report;
}
