import type { CrmProvider } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import { markCrmPulled, markCrmPullFailed } from "#worker/db/queries/crm-connections";
import { CrmCallError } from "#worker/integrations/crm-http";

import type { ContactPullResult } from "./crm-contacts";
import { type CrmEnv, enabledConnection } from "./enabled-connection";
import type { InboundResult } from "./inbound";
import { pullHubspot } from "./pull-hubspot";
import { pullSalesforce } from "./pull-salesforce";

// The hourly pull (PRD F10 "From Salesforce: hourly"): what changed in the CRM since the last
// successful pull, read by the same rules as the webhooks. Salesforce: SOQL over Account,
// Opportunity and Contact by LastModifiedDate; HubSpot: company and contact search on their
// last-modified dates. A failed pull keeps its starting point, so the next hour reads the same
// window again, and the failure is shown as "CRM data may be stale".

/** The first pull of a new connection looks back this far. */
const FIRST_PULL_DAYS = 30;

export interface PullResult extends InboundResult {
  provider: CrmProvider;
  since: string;
  accounts: number;
  opportunities: number;
  contacts: ContactPullResult;
}

export async function pullFromCrm(env: CrmEnv, db: Db, provider: CrmProvider, now: Date): Promise<PullResult | null> {
  const conn = await enabledConnection(env, db, provider);
  if (!conn) return null;
  const since = conn.row.last_pull_at ?? new Date(now.getTime() - FIRST_PULL_DAYS * 86_400_000).toISOString();
  try {
    const r =
      provider === "salesforce" ? await pullSalesforce(db, conn, since, now) : await pullHubspot(db, conn, since, now);
    await markCrmPulled(db, provider, now.toISOString());
    return { ...r, provider, since };
  } catch (err) {
    if (err instanceof CrmCallError) {
      await markCrmPullFailed(db, provider, `${now.toISOString()}: ${err.message}`);
    }
    throw err;
  }
}
