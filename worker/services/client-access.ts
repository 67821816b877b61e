import { canSeeClient, clientScopeFor } from "#worker/core/access-policy";
import { AppError, notFound } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { findClientInScope } from "#worker/db/queries/clients";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";

// The one gate for per-client use cases: a client (or something of a client's) outside the
// caller's scope is NOT_FOUND, its existence not revealed, and the miss is audited.

type AuditAction = { action: string; resourceType: string };

/** The client with its CSM and AE, if in scope; otherwise an audited NOT_FOUND. */
export async function clientWithTeamInScope(db: Db, user: EthicoUserRow, clientId: string, audit: AuditAction) {
  const found = await findClientInScope(db, clientScopeFor(user), clientId);
  if (!found) {
    await recordAudit(db, { user, ...audit, resourceId: clientId, outcome: "NOT_FOUND", statusCode: 404 });
    throw notFound("Client");
  }
  return found;
}

export async function clientInScope(db: Db, user: EthicoUserRow, clientId: string, audit: AuditAction) {
  return (await clientWithTeamInScope(db, user, clientId, audit)).client;
}

/**
 * A record that belongs to a client (looked up with its client's csm_user_id and ae_user_id):
 * returned when the caller may see that client and `visible` agrees; otherwise an audited
 * NOT_FOUND named `what`.
 */
export async function recordInScope<T extends { csm_user_id: string | null; ae_user_id: string | null }>(
  db: Db,
  user: EthicoUserRow,
  found: T | undefined,
  audit: AuditAction & { resourceId: string },
  what: string,
  visible: (found: T) => boolean = () => true,
): Promise<T> {
  if (found && canSeeClient(clientScopeFor(user), found) && visible(found)) return found;
  await recordAudit(db, { user, ...audit, outcome: "NOT_FOUND", statusCode: 404 });
  throw notFound(what);
}

export async function deny(
  db: Db,
  user: EthicoUserRow,
  audit: AuditAction & { resourceId?: string | null },
  message: string,
): Promise<never> {
  await recordAudit(db, { user, ...audit, outcome: "DENIED", statusCode: 403 });
  throw new AppError("FORBIDDEN", message);
}
