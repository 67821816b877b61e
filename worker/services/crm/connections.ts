import { can } from "#worker/core/access-policy";
import { type CrmProvider, DEFAULT_MAPPING, mappingFor, mappingProblems } from "#worker/core/crm/field-mapping";
import { AppError } from "#worker/core/errors";
import type { CrmConnectionInput } from "#worker/core/inputs/crm";
import type { Db } from "#worker/db/client";
import { type CrmConnectionRow, findCrmConnection, saveCrmConnection } from "#worker/db/queries/crm-connections";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { recordAudit } from "#worker/services/audit";
import { deny } from "#worker/services/client-access";

import { sealJson, VaultKeyError } from "./credential-vault";

// GET/PUT /crm/connections/:provider (issue 7): read and configured by ADMIN and the VP of Client
// Success (US-015-050: the VP owns the CRM sync; core/access-policy.ts decides). Credentials are sealed before they reach D1 and never come back out of the
// API or into a log or an audit entry.

type VaultEnv = { CRM_ENCRYPTION_KEY?: string };
type Row = CrmConnectionRow;

function describe(provider: CrmProvider, row: Row | undefined) {
  return {
    provider,
    configured: Boolean(row),
    base_url: row?.base_url ?? null,
    login_url: row?.login_url ?? null,
    enabled: row?.enabled ?? false,
    // What kind of credentials are stored and when, never the credentials.
    auth: row
      ? { type: row.auth_type, configured: true, updated_at: row.credentials_updated_at }
      : { type: null, configured: false, updated_at: null },
    field_mapping: mappingFor(provider, row?.field_mapping),
    default_mapping: DEFAULT_MAPPING[provider],
    updated_at: row?.updated_at ?? null,
  };
}

async function stored(db: Db, provider: CrmProvider) {
  return findCrmConnection(db, provider);
}

export async function getCrmConnection(db: Db, user: EthicoUserRow, provider: CrmProvider) {
  if (!can(user.role, "crm.settings.read"))
    await deny(
      db,
      user,
      { action: "read", resourceType: "crm_connection", resourceId: provider },
      "Only an admin or the VP of Client Success can see CRM connections",
    );
  return describe(provider, await stored(db, provider));
}

const updateAudit = (provider: CrmProvider) => ({
  action: "update",
  resourceType: "crm_connection",
  resourceId: provider,
});

/** The role check of a change, audited; callers run it before validating the body too (403 before 400). */
export async function mayChangeCrmConnection(db: Db, user: EthicoUserRow, provider: CrmProvider) {
  if (!can(user.role, "crm.settings.change"))
    await deny(
      db,
      user,
      updateAudit(provider),
      "Only an admin or the VP of Client Success can configure CRM connections",
    );
}

export async function putCrmConnection(
  env: VaultEnv,
  db: Db,
  user: EthicoUserRow,
  provider: CrmProvider,
  input: CrmConnectionInput,
  now: Date,
) {
  const audit = updateAudit(provider);
  await mayChangeCrmConnection(db, user, provider);
  const current = await stored(db, provider);
  const mapping = { ...(current?.field_mapping ?? {}), ...(input.field_mapping ?? {}) };
  const problems = mappingProblems(mappingFor(provider, mapping));
  if (!input.auth && !current) problems.push({ field: "auth", message: "credentials are required the first time" });
  if (problems.length) throw new AppError("UNPROCESSABLE", "The connection is not valid", problems);
  let sealed: { ciphertext: string; iv: string } | null = null;
  if (input.auth) {
    try {
      sealed = await sealJson(env.CRM_ENCRYPTION_KEY, `crm:${provider}`, input.auth);
    } catch (err) {
      if (err instanceof VaultKeyError)
        throw new AppError("UNPROCESSABLE", `Credentials cannot be stored: ${err.message}`, [
          { field: "auth", message: "the Worker secret CRM_ENCRYPTION_KEY must be set first" },
        ]);
      throw err;
    }
  }
  const stamp = now.toISOString();
  const values = {
    provider,
    base_url: input.base_url,
    login_url: "login_url" in input ? (input.login_url ?? null) : null,
    enabled: input.enabled ?? current?.enabled ?? false,
    auth_type: input.auth?.type ?? current!.auth_type,
    field_mapping: mapping,
    credentials_ciphertext: sealed?.ciphertext ?? current!.credentials_ciphertext,
    credentials_iv: sealed?.iv ?? current!.credentials_iv,
    credentials_updated_at: sealed ? stamp : current!.credentials_updated_at,
    updated_by_id: user.id,
    updated_at: stamp,
  };
  // The update names only what this request changes: the mapping is merged in SQL onto the stored
  // one, and the credentials, auth type and enabled flag are written only when sent, so a parallel
  // save (one admin rotating the credentials while another edits the mapping) is never undone by
  // values read before it.
  const set = {
    base_url: values.base_url,
    login_url: values.login_url,
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(sealed
      ? {
          auth_type: values.auth_type,
          credentials_ciphertext: sealed.ciphertext,
          credentials_iv: sealed.iv,
          credentials_updated_at: stamp,
        }
      : {}),
    updated_by_id: user.id,
    updated_at: stamp,
  };
  await saveCrmConnection(db, { ...values, created_at: stamp }, set, input.field_mapping ?? {});
  await recordAudit(db, {
    user,
    ...audit,
    outcome: "SUCCESS",
    details: {
      base_url: input.base_url,
      enabled: values.enabled,
      credentials_changed: Boolean(sealed),
      auth_type: values.auth_type,
    },
  });
  return describe(provider, await stored(db, provider));
}
