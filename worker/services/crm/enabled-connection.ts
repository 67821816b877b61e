import { type CrmProvider, type FieldMapping, mappingFor } from "#worker/core/crm/field-mapping";
import type { Db } from "#worker/db/client";
import { type CrmConnectionRow, findCrmConnection } from "#worker/db/queries/crm-connections";
import type { HubspotConnection } from "#worker/integrations/hubspot";
import type { SalesforceAuth, SalesforceConnection } from "#worker/integrations/salesforce";

import { openJson } from "./credential-vault";

// An enabled CRM connection, opened for use: the stored row, the field mapping and the API
// connection with its decrypted credentials (kept in memory for this call only). CRM_TIMEOUT_MS
// bounds each call (15 s when unset) so a hanging CRM never holds a queue batch for long.

export type CrmEnv = { CRM_ENCRYPTION_KEY?: string; CRM_TIMEOUT_MS?: string };

export interface OpenConnection {
  row: CrmConnectionRow;
  mapping: FieldMapping;
  salesforce: SalesforceConnection | null;
  hubspot: HubspotConnection | null;
}

export async function enabledConnection(env: CrmEnv, db: Db, provider: CrmProvider): Promise<OpenConnection | null> {
  const row = await findCrmConnection(db, provider);
  if (!row || !row.enabled) return null;
  const auth = await openJson<SalesforceAuth | { type: "private_app"; token: string }>(
    env.CRM_ENCRYPTION_KEY,
    `crm:${provider}`,
    { ciphertext: row.credentials_ciphertext, iv: row.credentials_iv },
  );
  const timeout = Number(env.CRM_TIMEOUT_MS);
  const timeout_ms = Number.isFinite(timeout) && timeout > 0 ? timeout : undefined;
  return {
    row,
    mapping: mappingFor(provider, row.field_mapping),
    salesforce:
      provider === "salesforce"
        ? {
            base_url: row.base_url,
            login_url: row.login_url,
            auth: auth as SalesforceAuth,
            version: row.credentials_updated_at,
            timeout_ms,
          }
        : null,
    hubspot:
      provider === "hubspot" ? { base_url: row.base_url, token: (auth as { token: string }).token, timeout_ms } : null,
  };
}
