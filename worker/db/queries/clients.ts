import { and, asc, between, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { ClientScope } from "#worker/core/access-policy";
import type { ClientListQuery, ClientSort } from "#worker/core/client-list-query";
import { addDays } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import { clients, ethicoUsers, platformUsers, renewalOutcomes } from "#worker/db/schema";

export type ClientRow = typeof clients.$inferSelect;

const csmUser = alias(ethicoUsers, "csm_user");
const aeUser = alias(ethicoUsers, "ae_user");

export function scopeCondition(scope: ClientScope): SQL | undefined {
  if (scope.kind === "csm") return eq(clients.csm_user_id, scope.userId);
  if (scope.kind === "ae") return eq(clients.ae_user_id, scope.userId);
  return undefined;
}

/**
 * The user's text found literally anywhere in the column, ignoring ASCII case as LIKE does. instr,
 * not LIKE: D1 refuses a LIKE pattern over 50 bytes ("pattern too complex"), which made a long
 * search a 500.
 */
function containsCondition(column: SQL | typeof clients.name, text: string): SQL {
  return sql`instr(lower(${column}), lower(${text})) > 0`;
}

export function listConditions(scope: ClientScope, q: ClientListQuery, today: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(clients.account_status, "ACTIVE"), scopeCondition(scope)];
  if (q.health_status.length) conds.push(inArray(clients.health_status, q.health_status));
  if (q.contract_tier.length) conds.push(inArray(clients.contract_tier, q.contract_tier));
  if (q.industry.length) conds.push(inArray(clients.industry, q.industry));
  if (q.csm_id) conds.push(eq(clients.csm_user_id, q.csm_id));
  // Every listed tag must be on the client.
  for (const tag of q.tags) {
    conds.push(sql`EXISTS (SELECT 1 FROM json_each(${clients.tags}) WHERE json_each.value = ${tag})`);
  }
  if (q.search) conds.push(containsCondition(clients.name, q.search));
  if (q.renewal_within_days !== null) {
    conds.push(between(clients.next_renewal_date, today, addDays(today, q.renewal_within_days)));
  }
  return and(...conds);
}

const SORT_COLUMN: Record<ClientSort, SQL | typeof clients.name> = {
  priority: sql`${clients.attention_priority}`,
  health_score: sql`${clients.current_health_score}`,
  renewal_date: sql`${clients.next_renewal_date}`,
  arr: sql`${clients.annual_recurring_revenue}`,
  last_contact: sql`${clients.last_csm_contact_at}`,
  churn_risk: sql`${clients.churn_risk_score}`,
  name: clients.name,
  trend: sql`${clients.health_trend_change}`,
  csm: sql`${csmUser.last_name} || ' ' || ${csmUser.first_name}`,
};

function orderBy(q: ClientListQuery): SQL[] {
  const col = SORT_COLUMN[q.sort];
  const dir = q.order === "asc" ? asc(col) : desc(col);
  // Missing values go last whichever way the list is sorted; name and id make the order total.
  return [asc(sql`${col} IS NULL`), dir, asc(clients.name), asc(clients.id)];
}

const listFields = {
  id: clients.id,
  name: clients.name,
  industry: clients.industry,
  region: clients.region,
  contract_tier: clients.contract_tier,
  annual_recurring_revenue: clients.annual_recurring_revenue,
  current_health_score: clients.current_health_score,
  health_status: clients.health_status,
  health_trend: clients.health_trend,
  health_trend_change: clients.health_trend_change,
  churn_risk_score: clients.churn_risk_score,
  attention_priority: clients.attention_priority,
  next_renewal_date: clients.next_renewal_date,
  last_csm_contact_at: clients.last_csm_contact_at,
  last_activity_at: clients.last_activity_at,
  tags: clients.tags,
  ai_risk_factors: clients.ai_risk_factors,
  // Joined columns get their own names: D1 returns rows keyed by column name, so a second "id"
  // would overwrite the first.
  csm_id: sql<string | null>`${csmUser.id}`.as("csm_id"),
  csm_first_name: sql<string | null>`${csmUser.first_name}`.as("csm_first_name"),
  csm_last_name: sql<string | null>`${csmUser.last_name}`.as("csm_last_name"),
};

function rowsQuery(db: Db, where: SQL | undefined, q: ClientListQuery) {
  return db
    .select(listFields)
    .from(clients)
    .leftJoin(csmUser, eq(clients.csm_user_id, csmUser.id))
    .where(where)
    .orderBy(...orderBy(q))
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
}

export type ClientListRow = Awaited<ReturnType<typeof rowsQuery>>[number];

export async function listClients(
  db: Db,
  scope: ClientScope,
  q: ClientListQuery,
  today: string,
): Promise<{ rows: ClientListRow[]; total: number }> {
  const where = listConditions(scope, q, today);
  const [countRows, rows] = await db.batch([
    db
      .select({ total: sql<number>`count(*)` })
      .from(clients)
      .where(where),
    rowsQuery(db, where, q),
  ]);
  return { rows, total: countRows[0]?.total ?? 0 };
}

/** A client with its CSM and AE names, or undefined when it does not exist or is out of scope. */
export async function findClientInScope(db: Db, scope: ClientScope, id: string) {
  const rows = await db
    .select({
      client: clients,
      csm: {
        id: sql<string | null>`${csmUser.id}`.as("csm_id"),
        first_name: sql<string | null>`${csmUser.first_name}`.as("csm_first_name"),
        last_name: sql<string | null>`${csmUser.last_name}`.as("csm_last_name"),
      },
      ae: {
        id: sql<string | null>`${aeUser.id}`.as("ae_id"),
        first_name: sql<string | null>`${aeUser.first_name}`.as("ae_first_name"),
        last_name: sql<string | null>`${aeUser.last_name}`.as("ae_last_name"),
      },
    })
    .from(clients)
    .leftJoin(csmUser, eq(clients.csm_user_id, csmUser.id))
    .leftJoin(aeUser, eq(clients.ae_user_id, aeUser.id))
    .where(and(eq(clients.id, id), scopeCondition(scope)))
    .limit(1);
  return rows[0];
}

/** Distinct values that the portfolio filters offer, within what the user may see. */
export async function listFilterFacets(db: Db, scope: ClientScope) {
  const where = and(eq(clients.account_status, "ACTIVE"), scopeCondition(scope));
  const [industries, tags] = await db.batch([
    db.selectDistinct({ value: clients.industry }).from(clients).where(where).orderBy(asc(clients.industry)),
    db
      .select({ value: sql<string>`DISTINCT json_each.value` })
      .from(sql`${clients}, json_each(${clients.tags})`)
      .where(where)
      .orderBy(sql`1`),
  ]);
  return {
    industries: industries.map((r) => r.value).filter((v): v is string => !!v),
    tags: tags.map((r) => r.value),
  };
}

/** The command palette's list: the portfolio's filters with no query, names and band only, by name. */
export async function paletteClientRows(db: Db, scope: ClientScope, q: ClientListQuery, today: string) {
  return db
    .select({
      id: clients.id,
      name: clients.name,
      tier: clients.contract_tier,
      score: clients.current_health_score,
      status: clients.health_status,
    })
    .from(clients)
    .where(listConditions(scope, q, today))
    .orderBy(asc(clients.name));
}

/** Every active client's id, in id order (the hourly recalculation queues them in chunks). */
export async function activeClientIds(db: Db): Promise<string[]> {
  return (
    await db.select({ id: clients.id }).from(clients).where(eq(clients.account_status, "ACTIVE")).orderBy(clients.id)
  ).map((r) => r.id);
}

/** Stores the client's AI summary with the facts it was written from and its actions. */
export async function saveClientSummary(
  db: Db,
  clientId: string,
  s: Pick<
    ClientRow,
    "ai_summary" | "ai_summary_generated_at" | "ai_summary_facts" | "ai_recommended_actions" | "updated_at"
  >,
): Promise<void> {
  await db.update(clients).set(s).where(eq(clients.id, clientId));
}

/** The contract tab's registered users and renewal history (newest first), in one batch. */
export async function contractFactRows(db: Db, clientId: string) {
  return db.batch([
    db
      .select({ n: sql<number>`count(*)` })
      .from(platformUsers)
      .where(and(eq(platformUsers.client_id, clientId), eq(platformUsers.is_active, true))),
    db
      .select({
        renewal_date: renewalOutcomes.renewal_date,
        outcome: renewalOutcomes.outcome,
        arr_before: renewalOutcomes.arr_before,
        arr_after: renewalOutcomes.arr_after,
      })
      .from(renewalOutcomes)
      .where(eq(renewalOutcomes.client_id, clientId))
      .orderBy(desc(renewalOutcomes.renewal_date)),
  ]);
}
