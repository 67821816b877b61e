import { clientScopeFor } from "#worker/core/access-policy";
import { parseClientListQuery } from "#worker/core/client-list-query";
import { isoDate } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import { paletteClientRows } from "#worker/db/queries/clients";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";

/**
 * The command palette's clients: every active client in the caller's scope, names and band only,
 * loaded once when the palette opens and filtered in the browser as the user types.
 */
export async function paletteClients(db: Db, user: EthicoUserRow, now: Date) {
  const rows = await paletteClientRows(
    db,
    clientScopeFor(user),
    parseClientListQuery(new URLSearchParams()),
    isoDate(now),
  );
  await recordAudit(db, {
    user,
    action: "list",
    resourceType: "client",
    outcome: "SUCCESS",
    details: { purpose: "command_palette", returned: rows.length },
  });
  return rows;
}
