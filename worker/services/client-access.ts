import { clientScopeFor } from "../core/access-policy";
import type { EthicoRole } from "../core/enums";
import { AppError, notFound } from "../core/errors";
import type { Db } from "../db/client";
import { findClientInScope } from "../db/queries/clients";
import type { EthicoUserRow } from "../db/queries/users";
import { recordAudit } from "./audit";

// The one gate for per-client use cases: a client outside the caller's scope is NOT_FOUND
// (its existence is not revealed), and the miss is audited.

export async function clientInScope(db: Db, user: EthicoUserRow, clientId: string, audit: { action: string; resourceType: string }) {
  const found = await findClientInScope(db, clientScopeFor(user), clientId);
  if (!found) {
    await recordAudit(db, { user, ...audit, resourceId: clientId, outcome: "NOT_FOUND", statusCode: 404 });
    throw notFound("Client");
  }
  return found.client;
}

/** Roles that may change or remove what someone else wrote (activities; never private notes). */
export const SUPERVISOR_ROLES: readonly EthicoRole[] = ["VP_CLIENT_SUCCESS", "ADMIN"];

export async function deny(db: Db, user: EthicoUserRow, audit: { action: string; resourceType: string; resourceId: string }, message: string): Promise<never> {
  await recordAudit(db, { user, ...audit, outcome: "DENIED", statusCode: 403 });
  throw new AppError("FORBIDDEN", message);
}
