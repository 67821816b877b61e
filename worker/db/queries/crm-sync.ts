import { and, asc, desc, eq, isNotNull, or, sql } from "drizzle-orm";

import type { CrmProvider } from "#worker/core/crm/field-mapping";
import type { PushedValues } from "#worker/core/crm/push-diff";
import type { Db } from "#worker/db/client";
import { inJson } from "#worker/db/in-json";
import {
  clients,
  crmConnections,
  crmDeadLetters,
  crmOpportunities,
  crmSyncConflicts,
  crmSyncState,
  ethicoUsers,
} from "#worker/db/schema";

// What we pushed to each CRM per client (crm_sync_state), the sync status and the client page's
// CRM panel. A chunk's results are written in one D1 batch.

const crmIdColumn = (p: CrmProvider) =>
  p === "salesforce" ? clients.salesforce_account_id : clients.hubspot_company_id;

/** Active clients linked to the CRM among `clientIds`, with what we last pushed to it. */
export async function crmPushCandidates(db: Db, provider: CrmProvider, clientIds: string[]) {
  return db
    .select({
      id: clients.id,
      crm_id: crmIdColumn(provider),
      current_health_score: clients.current_health_score,
      health_status: clients.health_status,
      churn_risk_score: clients.churn_risk_score,
      last_csm_contact_at: clients.last_csm_contact_at,
      csm_name: sql<string | null>`${ethicoUsers.first_name} || ' ' || ${ethicoUsers.last_name}`,
      last_pushed: crmSyncState.last_pushed,
    })
    .from(clients)
    .leftJoin(ethicoUsers, eq(ethicoUsers.id, clients.csm_user_id))
    .leftJoin(crmSyncState, and(eq(crmSyncState.client_id, clients.id), eq(crmSyncState.provider, provider)))
    .where(and(inJson(clients.id, clientIds), isNotNull(crmIdColumn(provider)), eq(clients.account_status, "ACTIVE")));
}

export type PushStateSet =
  | {
      last_pushed: Partial<PushedValues>;
      last_push_at: string;
      last_error: null;
      last_error_at: null;
      updated_at: string;
    }
  | { last_error: string | null; last_error_at: string; updated_at: string };

/** Each client's push outcome, one upsert per client, all in one batch. */
export async function recordPushResults(
  db: Db,
  provider: CrmProvider,
  results: { client_id: string; set: PushStateSet }[],
): Promise<void> {
  const statements = results.map(({ client_id, set }) =>
    db
      .insert(crmSyncState)
      .values({ client_id, provider, ...set })
      .onConflictDoUpdate({ target: [crmSyncState.client_id, crmSyncState.provider], set }),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

export async function markCrmSynced(db: Db, clientIds: string[], stamp: string): Promise<void> {
  await db.update(clients).set({ last_crm_sync_at: stamp }).where(inJson(clients.id, clientIds));
}

/** The same error on each of these clients' sync state, in one batch. */
export async function recordCrmErrors(
  db: Db,
  provider: CrmProvider,
  clientIds: string[],
  error: string,
  stamp: string,
): Promise<void> {
  const statements = clientIds.map((id) =>
    db
      .insert(crmSyncState)
      .values({ client_id: id, provider, last_error: error, last_error_at: stamp, updated_at: stamp })
      .onConflictDoUpdate({
        target: [crmSyncState.client_id, crmSyncState.provider],
        set: { last_error: error, last_error_at: stamp, updated_at: stamp },
      }),
  );
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

export async function clearCrmErrors(db: Db, provider: CrmProvider, clientIds: string[], stamp: string): Promise<void> {
  await db
    .update(crmSyncState)
    .set({ last_error: null, last_error_at: null, updated_at: stamp })
    .where(
      and(
        eq(crmSyncState.provider, provider),
        inJson(crmSyncState.client_id, clientIds),
        isNotNull(crmSyncState.last_error),
      ),
    );
}

/** Active clients linked to either CRM (a full sync queues them all). */
export async function crmLinkedActiveClientIds(db: Db): Promise<string[]> {
  return (
    await db
      .select({ id: clients.id })
      .from(clients)
      .where(
        and(
          eq(clients.account_status, "ACTIVE"),
          or(isNotNull(clients.salesforce_account_id), isNotNull(clients.hubspot_company_id)),
        ),
      )
  ).map((r) => r.id);
}

/** GET /sync/status in one batch: connections, state per provider, dead letters, the latest errors. */
export async function crmSyncStatusRows(db: Db) {
  return db.batch([
    db
      .select({
        provider: crmConnections.provider,
        enabled: crmConnections.enabled,
        base_url: crmConnections.base_url,
        last_pull_at: crmConnections.last_pull_at,
        last_pull_error: crmConnections.last_pull_error,
      })
      .from(crmConnections),
    db
      .select({
        provider: crmSyncState.provider,
        clients: sql<number>`count(*)`,
        last_push_at: sql<string | null>`max(${crmSyncState.last_push_at})`,
        with_errors: sql<number>`coalesce(sum(${crmSyncState.last_error} IS NOT NULL), 0)`,
      })
      .from(crmSyncState)
      .groupBy(crmSyncState.provider),
    db.select({ n: sql<number>`count(*)` }).from(crmDeadLetters),
    db
      .select({
        provider: crmSyncState.provider,
        client_id: crmSyncState.client_id,
        client_name: clients.name,
        error: crmSyncState.last_error,
        at: crmSyncState.last_error_at,
      })
      .from(crmSyncState)
      .innerJoin(clients, eq(clients.id, crmSyncState.client_id))
      .where(isNotNull(crmSyncState.last_error))
      .orderBy(desc(crmSyncState.last_error_at))
      .limit(20),
  ]);
}

/** The client page's CRM panel in one batch: connections, this client's sync state, its open opportunities. */
export async function clientCrmRows(db: Db, clientId: string) {
  return db.batch([
    db
      .select({
        provider: crmConnections.provider,
        enabled: crmConnections.enabled,
        last_pull_at: crmConnections.last_pull_at,
        last_pull_error: crmConnections.last_pull_error,
      })
      .from(crmConnections),
    db.select().from(crmSyncState).where(eq(crmSyncState.client_id, clientId)),
    db
      .select({
        provider: crmOpportunities.provider,
        crm_id: crmOpportunities.crm_id,
        name: crmOpportunities.name,
        stage: crmOpportunities.stage,
        amount: crmOpportunities.amount,
        close_date: crmOpportunities.close_date,
      })
      .from(crmOpportunities)
      .where(and(eq(crmOpportunities.client_id, clientId), eq(crmOpportunities.is_closed, false)))
      .orderBy(asc(crmOpportunities.close_date)),
  ]);
}

/** GET /sync/conflicts: newest first, optionally for one CRM. */
export async function listCrmSyncConflicts(db: Db, provider: CrmProvider | null, limit: number) {
  return db
    .select({
      id: crmSyncConflicts.id,
      client_id: crmSyncConflicts.client_id,
      client_name: clients.name,
      provider: crmSyncConflicts.provider,
      field: crmSyncConflicts.field,
      ethico_value: crmSyncConflicts.ethico_value,
      crm_value: crmSyncConflicts.crm_value,
      winner: crmSyncConflicts.winner,
      reason: crmSyncConflicts.reason,
      source: crmSyncConflicts.source,
      at: crmSyncConflicts.at,
    })
    .from(crmSyncConflicts)
    .innerJoin(clients, eq(clients.id, crmSyncConflicts.client_id))
    .where(provider ? eq(crmSyncConflicts.provider, provider) : undefined)
    .orderBy(desc(crmSyncConflicts.at), desc(crmSyncConflicts.id))
    .limit(limit);
}
