import { clientScopeFor } from "../core/access-policy";
import { parseClientListQuery } from "../core/client-list-query";
import { isoDate } from "../core/dates";
import type { Db } from "../db/client";
import { paletteClientRows } from "../db/queries/clients";
import type { EthicoUserRow } from "../db/queries/users";
import { recordAudit } from "./audit";

/**
 * The command palette's clients: every active client in the caller's scope, names and band only,
 * loaded once when the palette opens and filtered in the browser as the user types.
 */
export async function paletteClients(db: Db, user: EthicoUserRow, now: Date) {
  const rows = await paletteClientRows(db, clientScopeFor(user), parseClientListQuery(new URLSearchParams()), isoDate(now));
  await recordAudit(db, { user, action: "list", resourceType: "client", outcome: "SUCCESS", details: { purpose: "command_palette", returned: rows.length } });
  return rows;
}
