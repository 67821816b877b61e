import type { EthicoUserRow } from "../../db/queries/users";

/** Which live stream a user reads: VPs and admins everything, a CSM or AE their own clients'. */
export function streamNameFor(user: Pick<EthicoUserRow, "id" | "role">): string {
  return user.role === "VP_CLIENT_SUCCESS" || user.role === "VP_SALES" || user.role === "ADMIN" ? "all" : `user:${user.id}`;
}
