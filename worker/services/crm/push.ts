import { and, eq, isNotNull, sql } from "drizzle-orm";
import { inJson } from "../../db/in-json";
import type { CrmProvider } from "../../core/crm/field-mapping";
import { BATCH_LIMIT, changedFields, desiredValues, hubspotInputs, salesforceRecords, type PushedValues } from "../../core/crm/push-diff";
import type { Db } from "../../db/client";
import { clients, crmSyncState, ethicoUsers } from "../../db/schema";
import { CrmCallError } from "../../integrations/crm-http";
import { batchUpdateCompanies } from "../../integrations/hubspot";
import { updateRecords } from "../../integrations/salesforce";
import { pushActivities, type ActivityPushOutcome } from "./activity-push";
import { enabledConnection, type CrmEnv, type OpenConnection } from "./enabled-connection";

// Health data to the CRM (PRD F10 "To Salesforce: real-time"): for each client linked to the
// CRM, the pushed fields that changed since the last successful push, in the API's own batch
// call. Pushing the same values again changes nothing, so a retried message is harmless.

export interface PushOutcome { provider: CrmProvider; pushed: { client_id: string; fields: string[] }[]; unchanged: string[]; failed: { client_id: string; error: string }[]; activities: ActivityPushOutcome }

const crmIdColumn = (p: CrmProvider) => (p === "salesforce" ? clients.salesforce_account_id : clients.hubspot_company_id);

export async function pushToCrm(env: CrmEnv, db: Db, provider: CrmProvider, clientIds: string[], now: Date): Promise<PushOutcome> {
  const outcome: PushOutcome = { provider, pushed: [], unchanged: [], failed: [], activities: { created: 0, associated: 0, updated: 0, failed: [] } };
  const conn = await enabledConnection(env, db, provider);
  if (!conn || clientIds.length === 0) return outcome;
  const rows = await db
    .select({
      id: clients.id, crm_id: crmIdColumn(provider), current_health_score: clients.current_health_score, health_status: clients.health_status, churn_risk_score: clients.churn_risk_score,
      last_csm_contact_at: clients.last_csm_contact_at, csm_name: sql<string | null>`${ethicoUsers.first_name} || ' ' || ${ethicoUsers.last_name}`, last_pushed: crmSyncState.last_pushed,
    })
    .from(clients)
    .leftJoin(ethicoUsers, eq(ethicoUsers.id, clients.csm_user_id))
    .leftJoin(crmSyncState, and(eq(crmSyncState.client_id, clients.id), eq(crmSyncState.provider, provider)))
    .where(and(inJson(clients.id, clientIds), isNotNull(crmIdColumn(provider)), eq(clients.account_status, "ACTIVE")));
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
      if (err instanceof CrmCallError) await recordErrors(db, provider, chunk.map((c) => c.client_id), `${err.retryable ? "Will retry: " : ""}${err.message}`, stamp);
      throw err;
    }
    const statements = chunk.map((c, k) => {
      const r = results[k];
      if (r.ok) outcome.pushed.push({ client_id: c.client_id, fields: Object.keys(c.changes) });
      else outcome.failed.push({ client_id: c.client_id, error: r.error ?? "rejected" });
      const set = r.ok ? { last_pushed: { ...c.desired } as Partial<PushedValues>, last_push_at: stamp, last_error: null, last_error_at: null, updated_at: stamp } : { last_error: r.error, last_error_at: stamp, updated_at: stamp };
      return db.insert(crmSyncState).values({ client_id: c.client_id, provider, ...set }).onConflictDoUpdate({ target: [crmSyncState.client_id, crmSyncState.provider], set });
    });
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
    if (outcome.pushed.length) await db.update(clients).set({ last_crm_sync_at: stamp }).where(inJson(clients.id, outcome.pushed.map((p) => p.client_id)));
  }
  // Then the activities logged on these clients that the CRM does not have yet; a client whose
  // record the CRM just refused is left for after that is fixed (its error stays the one shown).
  const refused = new Set(outcome.failed.map((f) => f.client_id));
  const forActivities = rows.map((r) => r.id).filter((id) => !refused.has(id));
  try {
    outcome.activities = await pushActivities(db, provider, conn, forActivities, now);
  } catch (err) {
    if (err instanceof CrmCallError) await recordErrors(db, provider, forActivities, `${err.retryable ? "Will retry activities: " : "Activities: "}${err.message}`, stamp);
    throw err;
  }
  for (const f of outcome.activities.failed) await recordErrors(db, provider, [f.client_id], `Activity ${f.activity_id}: ${f.error}`, stamp);
  // A client the CRM took everything from this time no longer shows an earlier error.
  const failedNow = new Set([...refused, ...outcome.activities.failed.map((f) => f.client_id)]);
  const clean = forActivities.filter((id) => !failedNow.has(id));
  if (clean.length) await db.update(crmSyncState).set({ last_error: null, last_error_at: null, updated_at: stamp }).where(and(eq(crmSyncState.provider, provider), inJson(crmSyncState.client_id, clean), isNotNull(crmSyncState.last_error)));
  return outcome;
}

type Item = { client_id: string; crm_id: string; changes: Partial<PushedValues> };

async function pushSalesforce(conn: OpenConnection, chunk: Item[]) {
  const results = await updateRecords(conn.salesforce!, salesforceRecords(chunk, conn.mapping));
  return chunk.map((_, k) => ({ ok: Boolean(results[k]?.success), error: results[k]?.success ? null : (results[k]?.errors ?? []).map((e) => `${e.statusCode}: ${e.message}`).join("; ") || "no result for this record" }));
}

async function pushHubspot(conn: OpenConnection, chunk: Item[]) {
  const r = await batchUpdateCompanies(conn.hubspot!, hubspotInputs(chunk, conn.mapping));
  const failedIds = new Map<string, string>();
  for (const e of r.errors ?? []) for (const id of e.context?.ids ?? []) failedIds.set(id, `${e.category}: ${e.message}`);
  return chunk.map((c) => ({ ok: !failedIds.has(c.crm_id), error: failedIds.get(c.crm_id) ?? null }));
}

async function recordErrors(db: Db, provider: CrmProvider, clientIds: string[], error: string, stamp: string) {
  const statements = clientIds.map((id) =>
    db.insert(crmSyncState).values({ client_id: id, provider, last_error: error, last_error_at: stamp, updated_at: stamp }).onConflictDoUpdate({ target: [crmSyncState.client_id, crmSyncState.provider], set: { last_error: error, last_error_at: stamp, updated_at: stamp } }),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
