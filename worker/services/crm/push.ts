import type { CrmProvider } from "#worker/core/crm/field-mapping";
import {
  BATCH_LIMIT,
  changedFields,
  desiredValues,
  hubspotInputs,
  type PushedValues,
  salesforceRecords,
} from "#worker/core/crm/push-diff";
import type { Db } from "#worker/db/client";
import {
  clearCrmErrors,
  crmPushCandidates,
  markCrmSynced,
  type PushStateSet,
  recordCrmErrors,
  recordPushResults,
} from "#worker/db/queries/crm-sync";
import { CrmCallError } from "#worker/integrations/crm-http";
import { batchUpdateCompanies } from "#worker/integrations/hubspot";
import { updateRecords } from "#worker/integrations/salesforce";

import { type ActivityPushOutcome, pushActivities } from "./activity-push";
import { type CrmEnv, enabledConnection, type OpenConnection } from "./enabled-connection";

// Health data to the CRM (PRD F10 "To Salesforce: real-time"): for each client linked to the
// CRM, the pushed fields that changed since the last successful push, in the API's own batch
// call. Pushing the same values again changes nothing, so a retried message is harmless.

export interface PushOutcome {
  provider: CrmProvider;
  pushed: { client_id: string; fields: string[] }[];
  unchanged: string[];
  failed: { client_id: string; error: string }[];
  activities: ActivityPushOutcome;
}

export async function pushToCrm(
  env: CrmEnv,
  db: Db,
  provider: CrmProvider,
  clientIds: string[],
  now: Date,
): Promise<PushOutcome> {
  const outcome: PushOutcome = {
    provider,
    pushed: [],
    unchanged: [],
    failed: [],
    activities: { created: 0, associated: 0, updated: 0, failed: [] },
  };
  const conn = await enabledConnection(env, db, provider);
  if (!conn || clientIds.length === 0) return outcome;
  const rows = await crmPushCandidates(db, provider, clientIds);
  const items = rows.map((r) => {
    const desired = desiredValues({ ...r, crm_id: r.crm_id! });
    return { client_id: r.id, crm_id: r.crm_id!, desired, changes: changedFields(desired, r.last_pushed ?? null) };
  });
  const todo = items.filter((i) => Object.keys(i.changes).length > 0);
  outcome.unchanged = items.filter((i) => Object.keys(i.changes).length === 0).map((i) => i.client_id);
  const stamp = now.toISOString();
  for (let i = 0; i < todo.length; i += BATCH_LIMIT[provider]) {
    const chunk = todo.slice(i, i + BATCH_LIMIT[provider]);
    let results: { ok: boolean; error: string | null }[];
    try {
      results = provider === "salesforce" ? await pushSalesforce(conn, chunk) : await pushHubspot(conn, chunk);
    } catch (err) {
      if (err instanceof CrmCallError)
        await recordCrmErrors(
          db,
          provider,
          chunk.map((c) => c.client_id),
          `${err.retryable ? "Will retry: " : ""}${err.message}`,
          stamp,
        );
      throw err;
    }
    const written = chunk.map((c, k) => {
      const r = results[k];
      if (r.ok) outcome.pushed.push({ client_id: c.client_id, fields: Object.keys(c.changes) });
      else outcome.failed.push({ client_id: c.client_id, error: r.error ?? "rejected" });
      const set: PushStateSet = r.ok
        ? {
            last_pushed: { ...c.desired } as Partial<PushedValues>,
            last_push_at: stamp,
            last_error: null,
            last_error_at: null,
            updated_at: stamp,
          }
        : { last_error: r.error, last_error_at: stamp, updated_at: stamp };
      return { client_id: c.client_id, set };
    });
    await recordPushResults(db, provider, written);
    if (outcome.pushed.length)
      await markCrmSynced(
        db,
        outcome.pushed.map((p) => p.client_id),
        stamp,
      );
  }
  // Then the activities logged on these clients that the CRM does not have yet; a client whose
  // record the CRM just refused is left for after that is fixed (its error stays the one shown).
  const refused = new Set(outcome.failed.map((f) => f.client_id));
  const forActivities = rows.map((r) => r.id).filter((id) => !refused.has(id));
  try {
    outcome.activities = await pushActivities(db, provider, conn, forActivities, now);
  } catch (err) {
    if (err instanceof CrmCallError)
      await recordCrmErrors(
        db,
        provider,
        forActivities,
        `${err.retryable ? "Will retry activities: " : "Activities: "}${err.message}`,
        stamp,
      );
    throw err;
  }
  for (const f of outcome.activities.failed)
    await recordCrmErrors(db, provider, [f.client_id], `Activity ${f.activity_id}: ${f.error}`, stamp);
  // A client the CRM took everything from this time no longer shows an earlier error.
  const failedNow = new Set([...refused, ...outcome.activities.failed.map((f) => f.client_id)]);
  const clean = forActivities.filter((id) => !failedNow.has(id));
  if (clean.length) await clearCrmErrors(db, provider, clean, stamp);
  return outcome;
}

type Item = { client_id: string; crm_id: string; changes: Partial<PushedValues> };

async function pushSalesforce(conn: OpenConnection, chunk: Item[]) {
  const results = await updateRecords(conn.salesforce!, salesforceRecords(chunk, conn.mapping));
  return chunk.map((_, k) => ({
    ok: Boolean(results[k]?.success),
    error: results[k]?.success
      ? null
      : (results[k]?.errors ?? []).map((e) => `${e.statusCode}: ${e.message}`).join("; ") ||
        "no result for this record",
  }));
}

async function pushHubspot(conn: OpenConnection, chunk: Item[]) {
  const r = await batchUpdateCompanies(conn.hubspot!, hubspotInputs(chunk, conn.mapping));
  const failedIds = new Map<string, string>();
  for (const e of r.errors ?? [])
    for (const id of e.context?.ids ?? []) failedIds.set(id, `${e.category}: ${e.message}`);
  return chunk.map((c) => ({ ok: !failedIds.has(c.crm_id), error: failedIds.get(c.crm_id) ?? null }));
}
