import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { ClientScope } from "#worker/core/access-policy";
import type { ChatFilter } from "#worker/core/ai/chat-filters";
import { addDays } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import {
  clientActivities,
  clientContacts,
  clientHealthScores,
  clients,
  clientUsageMetrics,
  ethicoUsers,
  surveyResponses,
} from "#worker/db/schema";

import { scopeCondition } from "./clients";

// What the chat's questions read: the user's clients under a ChatFilter, expansion inputs, and
// the user's own activities. Everything is scoped exactly as the portfolio is.

const csm = alias(ethicoUsers, "chat_csm");

// Correlated subqueries name the outer row explicitly: drizzle leaves a column unqualified in a
// one-table select, and inside a subquery "id" would then be the subquery's own column.
const outerClientId = sql.raw(`"clients"."id"`);

/** The score a client had on `since` (its last snapshot on or before that day). */
const scoreOn = (since: string) =>
  sql<
    number | null
  >`(SELECT h.overall_score FROM client_health_scores h WHERE h.client_id = ${outerClientId} AND h.date <= ${since} ORDER BY h.date DESC LIMIT 1)`;

function filterConditions(scope: ClientScope, f: ChatFilter, today: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(clients.account_status, "ACTIVE"), scopeCondition(scope)];
  if (f.health_status.length) conds.push(inArray(clients.health_status, f.health_status));
  if (f.tiers.length) conds.push(inArray(clients.contract_tier, f.tiers));
  if (f.industries.length) conds.push(inArray(clients.industry, f.industries));
  if (f.csm) conds.push(eq(clients.csm_user_id, f.csm.id));
  if (f.renewal_within_days !== null)
    conds.push(
      and(gte(clients.next_renewal_date, today), lte(clients.next_renewal_date, addDays(today, f.renewal_within_days))),
    );
  if (f.arr_min !== null) conds.push(sql`${clients.annual_recurring_revenue} > ${f.arr_min}`);
  if (f.arr_max !== null) conds.push(sql`${clients.annual_recurring_revenue} < ${f.arr_max}`);
  if (f.churn_min !== null) conds.push(sql`${clients.churn_risk_score} > ${f.churn_min}`);
  if (f.health_drop) {
    const drop = sql`(${scoreOn(f.health_drop.since)} - ${clients.current_health_score})`;
    conds.push(f.health_drop.inclusive ? sql`${drop} >= ${f.health_drop.min}` : sql`${drop} > ${f.health_drop.min}`);
  }
  return and(...conds);
}

const ORDER: Record<ChatFilter["sort"], (since: string | null) => SQL[]> = {
  priority: () => [desc(clients.attention_priority)],
  arr: () => [desc(clients.annual_recurring_revenue)],
  health_score: () => [asc(sql`${clients.current_health_score} IS NULL`), asc(clients.current_health_score)],
  churn_risk: () => [asc(sql`${clients.churn_risk_score} IS NULL`), desc(clients.churn_risk_score)],
  renewal_date: () => [asc(clients.next_renewal_date)],
  health_drop: (since) =>
    since ? [desc(sql`(${scoreOn(since)} - ${clients.current_health_score})`)] : [desc(clients.attention_priority)],
};

export async function searchClients(db: Db, scope: ClientScope, f: ChatFilter, today: string, limit: number) {
  const where = filterConditions(scope, f, today);
  const since = f.health_drop?.since ?? addDays(today, -30);
  const [count, rows] = await db.batch([
    db
      .select({ n: sql<number>`count(*)` })
      .from(clients)
      .where(where),
    db
      .select({
        id: clients.id,
        name: clients.name,
        industry: clients.industry,
        contract_tier: clients.contract_tier,
        annual_recurring_revenue: clients.annual_recurring_revenue,
        current_health_score: clients.current_health_score,
        health_status: clients.health_status,
        health_trend_change: clients.health_trend_change,
        churn_risk_score: clients.churn_risk_score,
        churn_risk_category: clients.churn_risk_category,
        next_renewal_date: clients.next_renewal_date,
        last_csm_contact_at: clients.last_csm_contact_at,
        ai_risk_factors: clients.ai_risk_factors,
        score_then: scoreOn(since).as("score_then"),
        csm_name: sql<string | null>`${csm.first_name} || ' ' || ${csm.last_name}`.as("csm_name"),
      })
      .from(clients)
      .leftJoin(csm, eq(csm.id, clients.csm_user_id))
      .where(where)
      .orderBy(...ORDER[f.sort](f.health_drop?.since ?? null), asc(clients.name), asc(clients.id))
      .limit(limit),
  ]);
  return { total: count[0]?.n ?? 0, since, rows };
}
export type ChatClientRow = Awaited<ReturnType<typeof searchClients>>["rows"][number];

/** Active, healthy-enough clients with what expansion readiness is judged on. */
export async function expansionInputs(db: Db, scope: ClientScope, f: ChatFilter, today: string) {
  const where = and(filterConditions(scope, f, today), gte(clients.current_health_score, 70));
  return db
    .select({
      id: clients.id,
      name: clients.name,
      annual_recurring_revenue: clients.annual_recurring_revenue,
      current_health_score: clients.current_health_score,
      health_trend_change: clients.health_trend_change,
      churn_risk_score: clients.churn_risk_score,
      licensed_modules: clients.licensed_modules,
      licensed_user_count: clients.licensed_user_count,
      active_users: sql<
        number | null
      >`(SELECT u.monthly_active_users FROM ${clientUsageMetrics} u WHERE u.client_id = ${outerClientId} ORDER BY u.date DESC LIMIT 1)`.as(
        "active_users",
      ),
      adoption: sql<
        number | null
      >`(SELECT h.adoption_score FROM ${clientHealthScores} h WHERE h.client_id = ${outerClientId} ORDER BY h.date DESC LIMIT 1)`.as(
        "adoption",
      ),
      latest_nps: sql<
        number | null
      >`(SELECT s.score FROM ${surveyResponses} s WHERE s.client_id = ${outerClientId} AND s.kind = 'NPS' ORDER BY s.responded_at DESC LIMIT 1)`.as(
        "latest_nps",
      ),
    })
    .from(clients)
    .where(where);
}

/** The user's own activities between two days (inclusive), with the client's name. */
export async function activitiesBy(db: Db, scope: ClientScope, userId: string, from: string, to: string) {
  return db
    .select({
      client_id: clients.id,
      name: clients.name,
      activity_type: clientActivities.activity_type,
      subject: clientActivities.subject,
      occurred_at: clientActivities.occurred_at,
      outcome: clientActivities.outcome,
      follow_up_date: clientActivities.follow_up_date,
      follow_up_completed: clientActivities.follow_up_completed,
    })
    .from(clientActivities)
    .innerJoin(clients, eq(clients.id, clientActivities.client_id))
    .where(
      and(
        eq(clientActivities.performed_by_id, userId),
        gte(clientActivities.occurred_at, from),
        sql`${clientActivities.occurred_at} < ${addDays(to, 1)}`,
        scopeCondition(scope),
      ),
    )
    .orderBy(desc(clientActivities.occurred_at));
}

/** The names the parser resolves against: every active client the user may see. */
export async function clientNamesInScope(db: Db, scope: ClientScope) {
  return db
    .select({ id: clients.id, name: clients.name })
    .from(clients)
    .where(and(eq(clients.account_status, "ACTIVE"), scopeCondition(scope)));
}

/** A client's component scores on a past day and now, for "why is the score dropping". */
export async function componentScoresThenAndNow(db: Db, clientId: string, since: string) {
  const pick = {
    date: clientHealthScores.date,
    overall: clientHealthScores.overall_score,
    usage: clientHealthScores.usage_score,
    adoption: clientHealthScores.adoption_score,
    support: clientHealthScores.support_score,
    relationship: clientHealthScores.relationship_score,
    contract: clientHealthScores.contract_score,
    outcome: clientHealthScores.outcome_score,
    details: clientHealthScores.component_details,
  };
  const [then, now] = await db.batch([
    db
      .select(pick)
      .from(clientHealthScores)
      .where(and(eq(clientHealthScores.client_id, clientId), lte(clientHealthScores.date, since)))
      .orderBy(desc(clientHealthScores.date))
      .limit(1),
    db
      .select(pick)
      .from(clientHealthScores)
      .where(eq(clientHealthScores.client_id, clientId))
      .orderBy(desc(clientHealthScores.date))
      .limit(1),
  ]);
  return { then: then[0] ?? null, now: now[0] ?? null };
}

/**
 * Follow-ups a person logged that are due by `until` and not done, oldest first: the ones due
 * since `since`, and how many older ones are still open (so none is silently dropped).
 */
export async function openFollowUps(
  db: Db,
  scope: ClientScope,
  performerId: string | null,
  since: string,
  until: string,
) {
  const open = and(
    performerId ? eq(clientActivities.performed_by_id, performerId) : undefined,
    eq(clientActivities.follow_up_completed, false),
    eq(clients.account_status, "ACTIVE"),
    scopeCondition(scope),
  );
  const [due, older] = await db.batch([
    db
      .select({
        client_id: clients.id,
        name: clients.name,
        subject: clientActivities.subject,
        due: sql<string>`${clientActivities.follow_up_date}`,
      })
      .from(clientActivities)
      .innerJoin(clients, eq(clients.id, clientActivities.client_id))
      .where(and(open, gte(clientActivities.follow_up_date, since), lte(clientActivities.follow_up_date, until)))
      .orderBy(asc(clientActivities.follow_up_date))
      .limit(20),
    db
      .select({ n: sql<number>`count(*)` })
      .from(clientActivities)
      .innerJoin(clients, eq(clients.id, clientActivities.client_id))
      .where(and(open, sql`${clientActivities.follow_up_date} < ${since}`)),
  ]);
  return { due, older: older[0]?.n ?? 0 };
}

/**
 * What the list query does not carry, per client in scope, for a chat plan: the health score on
 * `since` (its last snapshot on or before that day), the latest adoption score, and the most
 * recent login of any of its contacts.
 */
export async function planExtras(db: Db, scope: ClientScope, since: string) {
  return db
    .select({
      id: clients.id,
      score_then: scoreOn(since).as("score_then"),
      adoption: sql<
        number | null
      >`(SELECT h.adoption_score FROM ${clientHealthScores} h WHERE h.client_id = ${outerClientId} ORDER BY h.date DESC LIMIT 1)`.as(
        "adoption",
      ),
      last_login_at: sql<
        string | null
      >`(SELECT max(k.last_platform_login) FROM ${clientContacts} k WHERE k.client_id = ${outerClientId} AND k.left_company_at IS NULL)`.as(
        "last_login_at",
      ),
    })
    .from(clients)
    .where(and(eq(clients.account_status, "ACTIVE"), scopeCondition(scope)));
}

/** Contacts of the user's clients, for the parser to recognise names in a question. */
export async function contactNamesInScope(db: Db, scope: ClientScope) {
  return db
    .select({ id: clientContacts.id, name: clientContacts.name })
    .from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.client_id))
    .where(and(eq(clients.account_status, "ACTIVE"), scopeCondition(scope)));
}

/** Contacts in scope with this name (case-insensitive), with their client and the last activity that names them. */
export async function contactsNamed(db: Db, scope: ClientScope, name: string) {
  const found = await db
    .select({
      id: clientContacts.id,
      name: clientContacts.name,
      title: clientContacts.title,
      role: clientContacts.role,
      last_platform_login: clientContacts.last_platform_login,
      last_csm_contact: clientContacts.last_csm_contact,
      client_id: clients.id,
      client_name: clients.name,
      client_last_contact: clients.last_csm_contact_at,
    })
    .from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.client_id))
    .where(
      and(
        sql`lower(${clientContacts.name}) = lower(${name})`,
        eq(clients.account_status, "ACTIVE"),
        scopeCondition(scope),
      ),
    )
    .limit(5);
  return Promise.all(
    found.map(async (c) => {
      const [last] = await db
        .select({
          occurred_at: clientActivities.occurred_at,
          activity_type: clientActivities.activity_type,
          subject: clientActivities.subject,
          by_first: csm.first_name,
          by_last: csm.last_name,
        })
        .from(clientActivities)
        .leftJoin(csm, eq(csm.id, clientActivities.performed_by_id))
        .where(
          and(
            eq(clientActivities.client_id, c.client_id),
            sql`EXISTS (SELECT 1 FROM json_each(${clientActivities.client_contacts}) WHERE json_each.value = ${c.id})`,
          ),
        )
        .orderBy(desc(clientActivities.occurred_at))
        .limit(1);
      return { ...c, last_activity: last ?? null };
    }),
  );
}

/** A client's latest activity (any contact), for "when did we last talk to Acme". */
export async function lastClientActivity(db: Db, scope: ClientScope, name: string) {
  const [c] = await db
    .select({ id: clients.id, name: clients.name, last_csm_contact_at: clients.last_csm_contact_at })
    .from(clients)
    .where(
      and(sql`lower(${clients.name}) = lower(${name})`, eq(clients.account_status, "ACTIVE"), scopeCondition(scope)),
    )
    .limit(1);
  if (!c) return null;
  const [last] = await db
    .select({
      occurred_at: clientActivities.occurred_at,
      activity_type: clientActivities.activity_type,
      subject: clientActivities.subject,
      by_first: csm.first_name,
      by_last: csm.last_name,
    })
    .from(clientActivities)
    .leftJoin(csm, eq(csm.id, clientActivities.performed_by_id))
    .where(eq(clientActivities.client_id, c.id))
    .orderBy(desc(clientActivities.occurred_at))
    .limit(1);
  return { ...c, last_activity: last ?? null };
}

/** The regions of the user's clients (the parser reads "in EMEA", "not in North America"). */
export async function regionsInScope(db: Db, scope: ClientScope): Promise<string[]> {
  const rows = await db
    .selectDistinct({ region: clients.region })
    .from(clients)
    .where(and(eq(clients.account_status, "ACTIVE"), scopeCondition(scope)));
  return rows.map((r) => r.region).filter((r): r is string => Boolean(r));
}
