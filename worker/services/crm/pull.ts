import { eq, inArray } from "drizzle-orm";
import { PUSHED_FIELDS, type CrmProvider } from "../../core/crm/field-mapping";
import { pushedFieldsIn, type CrmAccountChange } from "../../core/crm/inbound";
import type { Db } from "../../db/client";
import { clients, crmConnections, crmOpportunities } from "../../db/schema";
import { CrmCallError } from "../../integrations/crm-http";
import { searchCompaniesModifiedSince } from "../../integrations/hubspot";
import { query, type SalesforceAuth } from "../../integrations/salesforce";
import { applyCrmChanges, type InboundResult } from "./inbound";
import { enabledConnection } from "./push";

// The hourly pull (PRD F10 "From Salesforce: hourly"): what changed in the CRM since the last
// successful pull, read by the same rules as the webhooks. Salesforce: SOQL over Account and
// Opportunity by LastModifiedDate; HubSpot: company search on hs_lastmodifieddate. A failed pull
// keeps its starting point, so the next hour reads the same window again.

/** The first pull of a new connection looks back this far. */
const FIRST_PULL_DAYS = 30;

export interface PullResult extends InboundResult { provider: CrmProvider; since: string; accounts: number; opportunities: number }

const soqlDate = (iso: string) => iso.replace(/\.\d{3}Z$/, "Z");

export async function pullFromCrm(env: { CRM_ENCRYPTION_KEY?: string }, db: Db, provider: CrmProvider, now: Date): Promise<PullResult | null> {
  const conn = await enabledConnection(env, db, provider);
  if (!conn) return null;
  const since = conn.row.last_pull_at ?? new Date(now.getTime() - FIRST_PULL_DAYS * 86_400_000).toISOString();
  try {
    const r = provider === "salesforce" ? await pullSalesforce(db, conn, since, now) : await pullHubspot(db, conn, since, now);
    await db.update(crmConnections).set({ last_pull_at: now.toISOString(), last_pull_error: null }).where(eq(crmConnections.provider, provider));
    return r;
  } catch (err) {
    if (err instanceof CrmCallError) {
      await db.update(crmConnections).set({ last_pull_error: `${now.toISOString()}: ${err.message}` }).where(eq(crmConnections.provider, provider));
    }
    throw err;
  }
}

type Conn = NonNullable<Awaited<ReturnType<typeof enabledConnection>>>;

async function pullSalesforce(db: Db, conn: Conn, since: string, now: Date): Promise<PullResult> {
  const c = { base_url: conn.row.base_url, login_url: conn.row.login_url, auth: conn.auth as SalesforceAuth, version: conn.row.credentials_updated_at };
  const healthFields = PUSHED_FIELDS.map((f) => conn.mapping[f]);
  const accounts = await query(c, `SELECT Id, Name, Industry, AnnualRevenue, Renewal_Date__c, ${healthFields.join(", ")}, LastModifiedDate FROM Account WHERE LastModifiedDate > ${soqlDate(since)} ORDER BY LastModifiedDate`);
  const changes: CrmAccountChange[] = accounts.map((a) => ({
    crm_id: a.Id,
    modified_at: String(a.LastModifiedDate ?? now.toISOString()),
    fields: {
      name: typeof a.Name === "string" ? a.Name : null,
      industry: typeof a.Industry === "string" ? a.Industry : null,
      annual_revenue: typeof a.AnnualRevenue === "number" ? a.AnnualRevenue : null,
      renewal_date: typeof a.Renewal_Date__c === "string" ? a.Renewal_Date__c : null,
      pushed: pushedFieldsIn(a, conn.mapping),
    },
  }));
  const applied = await applyCrmChanges(db, "salesforce", changes, "pull", now);
  const opps = await query(c, `SELECT Id, AccountId, Name, StageName, Amount, CloseDate, IsClosed, LastModifiedDate FROM Opportunity WHERE LastModifiedDate > ${soqlDate(since)} ORDER BY LastModifiedDate`);
  const accountIds = [...new Set(opps.map((o) => String(o.AccountId)))];
  const linked = accountIds.length ? await db.select({ id: clients.id, crm: clients.salesforce_account_id }).from(clients).where(inArray(clients.salesforce_account_id, accountIds)) : [];
  const byAccount = new Map(linked.map((l) => [l.crm!, l.id]));
  const stamp = now.toISOString();
  const rows = opps
    .filter((o) => byAccount.has(String(o.AccountId)))
    .map((o) => ({
      provider: "salesforce" as const, crm_id: o.Id, client_id: byAccount.get(String(o.AccountId))!, name: String(o.Name ?? "Untitled opportunity"),
      stage: typeof o.StageName === "string" ? o.StageName : null, amount: typeof o.Amount === "number" ? o.Amount : null,
      close_date: typeof o.CloseDate === "string" ? o.CloseDate : null, is_closed: o.IsClosed === true, modified_at: String(o.LastModifiedDate ?? stamp), updated_at: stamp,
    }));
  for (const r of rows) {
    await db.insert(crmOpportunities).values(r).onConflictDoUpdate({ target: [crmOpportunities.provider, crmOpportunities.crm_id], set: { ...r } });
  }
  return { ...applied, provider: "salesforce", since, accounts: accounts.length, opportunities: rows.length };
}

async function pullHubspot(db: Db, conn: Conn, since: string, now: Date): Promise<PullResult> {
  const healthProps = PUSHED_FIELDS.map((f) => conn.mapping[f]);
  const companies = await searchCompaniesModifiedSince({ base_url: conn.row.base_url, token: (conn.auth as { token: string }).token }, Date.parse(since), ["name", "industry", "annualrevenue", "renewal_date", "hs_lastmodifieddate", ...healthProps]);
  const changes: CrmAccountChange[] = companies.map((co) => {
    const p = co.properties;
    const revenue = p.annualrevenue === null || p.annualrevenue === undefined || p.annualrevenue === "" ? null : Number(p.annualrevenue);
    return {
      crm_id: co.id,
      modified_at: p.hs_lastmodifieddate ?? co.updatedAt,
      fields: { name: p.name ?? null, industry: p.industry ?? null, annual_revenue: Number.isFinite(revenue) ? revenue : null, renewal_date: p.renewal_date ?? null, pushed: pushedFieldsIn(p, conn.mapping) },
    };
  });
  const applied = await applyCrmChanges(db, "hubspot", changes, "pull", now);
  return { ...applied, provider: "hubspot", since, accounts: companies.length, opportunities: 0 };
}
