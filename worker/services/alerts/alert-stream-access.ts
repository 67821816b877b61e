import { clientScopeFor } from "#worker/core/access-policy";
import type { EthicoUserRow } from "#worker/db/queries/users";

/** Which live stream a user reads: VPs and admins everything, a CSM or AE their own clients'. */
export function streamNameFor(user: Pick<EthicoUserRow, "id" | "role">): string {
  return clientScopeFor(user).kind === "all" ? "all" : `user:${user.id}`;
}
