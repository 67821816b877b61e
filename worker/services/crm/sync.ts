import { can } from "#worker/core/access-policy";
import { CRM_PROVIDERS, type CrmProvider } from "#worker/core/crm/field-mapping";
import { AppError } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { enabledCrmProviders } from "#worker/db/queries/crm-connections";
import { claimDeadLetter, deadLetterPage, restoreDeadLetter } from "#worker/db/queries/crm-dead-letters";
import { crmLinkedActiveClientIds, crmSyncStatusRows } from "#worker/db/queries/crm-sync";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { CrmCallError } from "#worker/integrations/crm-http";
import { recordAudit } from "#worker/services/audit";
import { clientInScope, deny } from "#worker/services/client-access";

import { enabledConnection } from "./enabled-connection";
import { pushToCrm } from "./push";

// CRM sync endpoints (PRD "CRM Sync Endpoints") and the queueing behind them: changed clients
// go on the sync queue in chunks; a client can be pushed now; a full sync queues every linked
// client; dead letters can be replayed.

type SyncEnv = { CRM_ENCRYPTION_KEY?: string; CRM_SYNC_QUEUE: Queue };
export const CRM_PUSH = "crm_push";
export interface CrmPushMessage {
  kind: typeof CRM_PUSH;
  provider: CrmProvider;
  client_ids: string[];
}
const CHUNK = 100;

/** After a recalculation: the touched clients that are linked to an enabled CRM go on the queue. */
export async function enqueueCrmPushes(env: SyncEnv, db: Db, clientIds: string[]): Promise<number> {
  const providers = await enabledCrmProviders(db);
  let sent = 0;
  for (const provider of providers) {
    for (let i = 0; i < clientIds.length; i += CHUNK) {
      await env.CRM_SYNC_QUEUE.send({
        kind: CRM_PUSH,
        provider,
        client_ids: clientIds.slice(i, i + CHUNK),
      } satisfies CrmPushMessage);
      sent += 1;
    }
  }
  return sent;
}

/** POST /clients/:id/sync/:provider: push this client now and say what happened. */
export async function syncClientNow(
  env: SyncEnv,
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  provider: CrmProvider,
  now: Date,
) {
  const client = await clientInScope(db, user, clientId, { action: "sync", resourceType: "client" });
  if (!(await enabledConnection(env, db, provider)))
    throw new AppError("CONFLICT", `The ${provider} connection is not configured or not enabled`);
  const linked = provider === "salesforce" ? client.salesforce_account_id : client.hubspot_company_id;
  if (!linked)
    throw new AppError(
      "UNPROCESSABLE",
      `This client has no ${provider === "salesforce" ? "Salesforce account" : "HubSpot company"} id`,
    );
  try {
    const r = await pushToCrm(env, db, provider, [client.id], now);
    const failed = r.failed[0];
    const refusedActivities = r.activities.failed;
    await recordAudit(db, {
      user,
      action: "sync",
      resourceType: "client",
      resourceId: client.id,
      outcome: failed || refusedActivities.length ? "ERROR" : "SUCCESS",
      details: { provider, activities_created: r.activities.created },
    });
    if (failed) throw new AppError("UNPROCESSABLE", `${provider} refused the update`, [{ message: failed.error }]);
    if (refusedActivities.length)
      throw new AppError(
        "UNPROCESSABLE",
        `${provider} refused ${refusedActivities.length} logged ${refusedActivities.length === 1 ? "activity" : "activities"}`,
        refusedActivities.map((a) => ({ field: `activity:${a.activity_id}`, message: a.error })),
      );
    return {
      client_id: client.id,
      provider,
      status: r.pushed.length ? "pushed" : "unchanged",
      fields: r.pushed[0]?.fields ?? [],
      activities_created: r.activities.created,
      synced_at: now.toISOString(),
    };
  } catch (err) {
    if (err instanceof CrmCallError) {
      await recordAudit(db, {
        user,
        action: "sync",
        resourceType: "client",
        resourceId: client.id,
        outcome: "ERROR",
        statusCode: 502,
        details: { provider, status: err.status },
      });
    }
    if (err instanceof CrmCallError)
      throw new AppError("UPSTREAM_FAILED", `${provider} did not accept the sync; it will be retried by the queue`, [
        { message: err.message },
      ]);
    throw err;
  }
}

/** POST /sync/full: every linked client of every enabled connection, queued. */
export async function fullSync(env: SyncEnv, db: Db, user: EthicoUserRow) {
  if (!can(user.role, "crm.operate"))
    await deny(
      db,
      user,
      { action: "sync_full", resourceType: "crm" },
      "Only an admin or the VP of Client Success can start a full sync",
    );
  const ids = await crmLinkedActiveClientIds(db);
  const messages = await enqueueCrmPushes(env, db, ids);
  await recordAudit(db, {
    user,
    action: "sync_full",
    resourceType: "crm",
    outcome: "SUCCESS",
    details: { clients: ids.length, messages },
  });
  return { queued_clients: ids.length, queued_messages: messages };
}

/** GET /sync/status: per connection, the last push, errors and what waits in the dead-letter store. */
export async function syncStatus(db: Db, user: EthicoUserRow) {
  if (!can(user.role, "crm.operate"))
    await deny(
      db,
      user,
      { action: "read", resourceType: "crm_sync_status" },
      "Only an admin or the VP of Client Success can see the sync status",
    );
  const [connections, state, dead, errors] = await crmSyncStatusRows(db);
  return {
    connections: CRM_PROVIDERS.map((p) => {
      const c = connections.find((x) => x.provider === p);
      const s = state.find((x) => x.provider === p);
      return {
        provider: p,
        configured: Boolean(c),
        enabled: c?.enabled ?? false,
        base_url: c?.base_url ?? null,
        synced_clients: s?.clients ?? 0,
        last_push_at: s?.last_push_at ?? null,
        last_pull_at: c?.last_pull_at ?? null,
        last_pull_error: c?.last_pull_error ?? null,
        clients_with_errors: s?.with_errors ?? 0,
      };
    }),
    dead_letters: dead[0]?.n ?? 0,
    recent_errors: errors,
  };
}

/** POST /sync/dead-letters/replay: every kept message back on the queue (then removed from the store). */
export async function replayDeadLetters(env: SyncEnv, db: Db, user: EthicoUserRow) {
  if (!can(user.role, "crm.operate"))
    await deny(
      db,
      user,
      { action: "replay", resourceType: "crm" },
      "Only an admin or the VP of Client Success can replay sync messages",
    );
  const rows = await deadLetterPage(db, 100);
  let replayed = 0;
  for (const r of rows) {
    // Claim the message by deleting it: of two parallel replays only one sends it. If the queue
    // refuses it, it goes back into the store, so nothing is lost either.
    const claimed = await claimDeadLetter(db, r.id);
    if (!claimed) continue;
    try {
      await env.CRM_SYNC_QUEUE.send(claimed.body);
      replayed += 1;
    } catch (err) {
      await restoreDeadLetter(db, claimed);
      throw err;
    }
  }
  await recordAudit(db, { user, action: "replay", resourceType: "crm", outcome: "SUCCESS", details: { replayed } });
  return { replayed };
}
