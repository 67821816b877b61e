import { getDb } from "#worker/db/client";
import { recordAudit } from "#worker/services/audit";
import { enforceRetention } from "#worker/services/retention";

// The daily retention run (cron DAILY_RETENTION_CRON): old rows go by the PRD's periods, and
// the audit trail says how many of each, under no user (the system did it).

export const DAILY_RETENTION_CRON = "30 3 * * *";

export async function runRetention(env: Env, now = new Date()): Promise<void> {
  const db = getDb(env.DB);
  const report = await enforceRetention(db, now, false);
  await recordAudit(
    db,
    {
      user: null,
      userEmail: "system:retention",
      action: "delete",
      resourceType: "retention",
      outcome: "SUCCESS",
      details: {
        as_of: report.as_of,
        total: report.total,
        removed: Object.fromEntries(report.lines.map((l) => [l.table, l.rows])),
      },
    },
    now,
  );
}
