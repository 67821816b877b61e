import { can, clientScopeFor } from "#worker/core/access-policy";
import { type ClientListQuery, parseClientListQuery } from "#worker/core/client-list-query";
import { toCsv } from "#worker/core/csv";
import { addDays, contractYear, daysBetween, isoDate } from "#worker/core/dates";
import { churnRiskCategory } from "#worker/core/health/bands";
import type { Db } from "#worker/db/client";
import { loadClientDetailParts } from "#worker/db/queries/client-detail";
import { type ClientListRow, contractFactRows, listClients, listFilterFacets } from "#worker/db/queries/clients";
import { portfolioSummaryData } from "#worker/db/queries/portfolio-summary";
import { type EthicoUserRow, listCsms } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope, clientWithTeamInScope } from "./client-access";

// Portfolio use cases, shared by the API and the Remix loaders.

type Person = { id: string | null; first_name: string | null; last_name: string | null } | null;

function personRef(p: Person): { id: string; name: string } | null {
  return p?.id ? { id: p.id, name: `${p.first_name ?? ""} ${p.last_name ?? ""}`.trim() } : null;
}

function daysToRenewal(renewal: string | null, today: string): number | null {
  return renewal ? daysBetween(today, renewal) : null;
}

export function toClientSummary(row: ClientListRow, today: string) {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    region: row.region,
    contract_tier: row.contract_tier,
    annual_recurring_revenue: row.annual_recurring_revenue,
    current_health_score: row.current_health_score,
    health_status: row.health_status,
    health_trend: row.health_trend,
    health_trend_change: row.health_trend_change,
    churn_risk_score: row.churn_risk_score,
    next_renewal_date: row.next_renewal_date,
    days_to_renewal: daysToRenewal(row.next_renewal_date, today),
    last_csm_contact_at: row.last_csm_contact_at,
    last_activity_at: row.last_activity_at,
    tags: row.tags,
    attention_priority: row.attention_priority,
    csm: personRef({ id: row.csm_id, first_name: row.csm_first_name, last_name: row.csm_last_name }),
    ai_risk_factors: row.ai_risk_factors ?? [],
  };
}
export type ClientSummary = ReturnType<typeof toClientSummary>;

export interface ClientPage {
  data: ClientSummary[];
  pagination: { page: number; limit: number; total: number; pages: number };
  query: ClientListQuery;
}

/** The user's portfolio, filtered, sorted and paged. Throws BAD_REQUEST for a bad query. */
export async function listPortfolio(
  db: Db,
  user: EthicoUserRow,
  params: URLSearchParams,
  now: Date,
): Promise<ClientPage> {
  let query: ClientListQuery;
  try {
    query = parseClientListQuery(params);
  } catch (err) {
    await recordAudit(db, { user, action: "list", resourceType: "client", outcome: "INVALID", statusCode: 400 });
    throw err;
  }
  const today = isoDate(now);
  const { rows, total } = await listClients(db, clientScopeFor(user), query, today);
  await recordAudit(db, {
    user,
    action: "list",
    resourceType: "client",
    outcome: "SUCCESS",
    details: { query: Object.fromEntries(params), returned: rows.length, total },
  });
  return {
    data: rows.map((r) => toClientSummary(r, today)),
    pagination: { page: query.page, limit: query.limit, total, pages: Math.ceil(total / query.limit) },
    query,
  };
}

/** Every client the filters match (not just a page), as CSV: "CSV export gives what is filtered". */
export async function exportPortfolio(db: Db, user: EthicoUserRow, params: URLSearchParams, now: Date) {
  const query = { ...parseClientListQuery(params), page: 1, limit: MAX_EXPORT_ROWS };
  const today = isoDate(now);
  const { rows, total } = await listClients(db, clientScopeFor(user), query, today);
  await recordAudit(db, {
    user,
    action: "export",
    resourceType: "client",
    outcome: "SUCCESS",
    details: { query: Object.fromEntries(params), rows: rows.length },
  });
  const data = rows.map((r) => {
    const c = toClientSummary(r, today);
    return { ...c, csm: c.csm?.name ?? "", tags: c.tags.join(" "), ai_risk_factors: undefined };
  });
  const columns = [
    "name",
    "contract_tier",
    "industry",
    "region",
    "current_health_score",
    "health_status",
    "health_trend",
    "health_trend_change",
    "churn_risk_score",
    "annual_recurring_revenue",
    "next_renewal_date",
    "days_to_renewal",
    "csm",
    "last_csm_contact_at",
    "tags",
    "attention_priority",
    "id",
  ] as const;
  return { csv: toCsv(columns, data), truncated: total > rows.length };
}

const MAX_EXPORT_ROWS = 20_000;

export async function portfolioFacets(db: Db, user: EthicoUserRow) {
  return listFilterFacets(db, clientScopeFor(user));
}

/** CSMs to filter the portfolio by, for the roles that look across CSMs (empty for the others). */
export async function csmChoices(db: Db, user: EthicoUserRow): Promise<{ id: string; name: string }[]> {
  if (!can(user.role, "portfolio.filter_by_csm")) return [];
  return (await listCsms(db)).map((c) => ({ id: c.id, name: `${c.first_name} ${c.last_name}` }));
}

/** One client as the detail views need it; another CSM's client is NOT_FOUND, never FORBIDDEN. */
export async function getClientDetail(db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const found = await clientWithTeamInScope(db, user, clientId, { action: "read", resourceType: "client" });
  const today = isoDate(now);
  const { client } = found;
  const parts = await loadClientDetailParts(db, client.id, addDays(today, -90));
  await recordAudit(db, { user, action: "read", resourceType: "client", resourceId: client.id, outcome: "SUCCESS" });
  const latest = parts.history.at(-1) ?? null;
  return {
    ...client,
    csm: personRef(found.csm),
    ae: personRef(found.ae),
    days_to_renewal: daysToRenewal(client.next_renewal_date, today),
    contract_year: contractYear(client.contract_start_date, today),
    churn_risk_category: client.churn_risk_category ?? churnRiskCategory(client.churn_risk_score),
    health_components: latest && {
      date: latest.date,
      usage: latest.usage_score,
      adoption: latest.adoption_score,
      support: latest.support_score,
      relationship: latest.relationship_score,
      contract: latest.contract_score,
      outcome: latest.outcome_score,
      details: latest.component_details ?? {},
    },
    health_history: parts.history.map((h) => ({ date: h.date, overall_score: h.overall_score })),
    contacts: parts.contacts,
    recent_activities: parts.activities.map(({ performed_by_first_name, performed_by_last_name, ...a }) => ({
      ...a,
      performed_by: `${performed_by_first_name ?? ""} ${performed_by_last_name ?? ""}`.trim(),
    })),
  };
}
export type ClientDetail = Awaited<ReturnType<typeof getClientDetail>>;

/** The portfolio's summary cards with their comparisons (PRD F1). */
export async function portfolioSummary(db: Db, user: EthicoUserRow, now: Date, csmId: string | null = null) {
  const d = await portfolioSummaryData(db, clientScopeFor(user), isoDate(now), csmId);
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const total = Number(d.now?.total ?? 0);
  const atRisk = Number(d.now?.at_risk ?? 0);
  const avg = n(d.now?.avg_health);
  const avgPast = n(d.past?.avg_health_month_ago);
  const arr = Number(d.now?.arr ?? 0);
  const arrAtRisk = Number(d.now?.arr_at_risk ?? 0);
  return {
    total_clients: {
      value: total,
      change_this_month: d.gained - d.lost,
      gained_this_month: d.gained,
      churned_this_month: d.lost,
    },
    at_risk: {
      value: atRisk,
      change_vs_last_week:
        d.past?.at_risk_week_ago === null || d.past?.at_risk_week_ago === undefined
          ? null
          : atRisk - Number(d.past.at_risk_week_ago),
    },
    avg_health: {
      value: avg === null ? null : Math.round(avg),
      change_vs_last_month: avg === null || avgPast === null ? null : Math.round(avg - avgPast),
    },
    arr_at_risk: { value: arrAtRisk, share_of_arr_pct: arr > 0 ? Math.round((100 * arrAtRisk) / arr) : null },
  };
}

/** Contract tab facts beyond the client row: registered users and the renewal history. */
export async function contractFacts(db: Db, user: EthicoUserRow, clientId: string) {
  const client = await clientInScope(db, user, clientId, { action: "read", resourceType: "contract" });
  const [users, renewals] = await contractFactRows(db, client.id);
  await recordAudit(db, { user, action: "read", resourceType: "contract", resourceId: client.id, outcome: "SUCCESS" });
  return { totalUsers: users[0]?.n ?? null, renewals };
}
