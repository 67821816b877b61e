import { CRM_PROVIDERS } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import { clientCrmRows } from "#worker/db/queries/crm-sync";

// What the client page shows of the CRM: open opportunities (US-015-050) and, per enabled
// connection the client is linked to, when it last synced and whether its data may be stale
// (PRD F1 error handling: "CRM data may be stale", last sync time, retry).

/** A pull older than this, or any error, makes the CRM data stale. */
const STALE_AFTER_MS = 2 * 3600_000;

export async function clientCrm(
  db: Db,
  client: {
    id: string;
    salesforce_account_id: string | null;
    hubspot_company_id: string | null;
    last_crm_sync_at: string | null;
  },
  now: Date,
) {
  const [connections, states, opportunities] = await clientCrmRows(db, client.id);
  const links = CRM_PROVIDERS.flatMap((provider) => {
    const c = connections.find((x) => x.provider === provider);
    const linked = provider === "salesforce" ? client.salesforce_account_id : client.hubspot_company_id;
    if (!c?.enabled || !linked) return [];
    const state = states.find((s) => s.provider === provider);
    const lastSync =
      [c.last_pull_at, state?.last_push_at]
        .filter((x): x is string => Boolean(x))
        .sort()
        .pop() ?? client.last_crm_sync_at;
    const error = c.last_pull_error ?? state?.last_error ?? null;
    const stale = Boolean(error) || !c.last_pull_at || now.getTime() - Date.parse(c.last_pull_at) > STALE_AFTER_MS;
    return [{ provider, last_sync_at: lastSync ?? null, stale, error }];
  });
  return { links, opportunities };
}
