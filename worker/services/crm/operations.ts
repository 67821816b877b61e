import { can } from "#worker/core/access-policy";
import type { CrmProvider } from "#worker/core/crm/field-mapping";
import { AppError } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { listCrmSyncConflicts } from "#worker/db/queries/crm-sync";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { CrmCallError } from "#worker/integrations/crm-http";
import { recordAudit } from "#worker/services/audit";
import { deny } from "#worker/services/client-access";

import type { CrmEnv } from "./enabled-connection";
import { pullFromCrm } from "./pull";

// What an admin does from the CRM page beside the PRD's sync endpoints: read the sync-conflict
// log (every disagreement, both values and the winner) and pull now instead of waiting for the
// hour. Admins and the VP of Client Success only, as for the rest of the sync operations.

/** GET /sync/conflicts: newest first, optionally for one CRM. */
export async function listSyncConflicts(
  db: Db,
  user: EthicoUserRow,
  f: { provider: CrmProvider | null; limit: number },
) {
  if (!can(user.role, "crm.operate"))
    await deny(
      db,
      user,
      { action: "list", resourceType: "crm_sync_conflict" },
      "Only an admin or the VP of Client Success can read the sync-conflict log",
    );
  const rows = await listCrmSyncConflicts(db, f.provider, f.limit);
  await recordAudit(db, {
    user,
    action: "list",
    resourceType: "crm_sync_conflict",
    outcome: "SUCCESS",
    details: { provider: f.provider, returned: rows.length },
  });
  return { data: rows };
}

/** POST /sync/pull/:provider: the hourly pull, now. */
export async function pullNow(env: CrmEnv, db: Db, user: EthicoUserRow, provider: CrmProvider, now: Date) {
  const audit = { action: "pull", resourceType: "crm", resourceId: provider };
  if (!can(user.role, "crm.operate"))
    await deny(db, user, audit, "Only an admin or the VP of Client Success can start a pull");
  try {
    const r = await pullFromCrm(env, db, provider, now);
    if (!r) throw new AppError("CONFLICT", `The ${provider} connection is not configured or not enabled`);
    await recordAudit(db, {
      user,
      ...audit,
      outcome: "SUCCESS",
      details: {
        accounts: r.accounts,
        applied: r.applied,
        conflicts: r.conflicts,
        contacts_created: r.contacts.created,
      },
    });
    return r;
  } catch (err) {
    if (!(err instanceof CrmCallError)) throw err;
    await recordAudit(db, { user, ...audit, outcome: "ERROR", statusCode: 502, details: { status: err.status } });
    throw new AppError(
      "UPSTREAM_FAILED",
      `${provider} did not answer the pull; the hourly pull will read the same window again`,
      [{ message: err.message }],
    );
  }
}
