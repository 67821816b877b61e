import { asc } from "drizzle-orm";
import { clientScopeFor } from "../core/access-policy";
import { parseClientListQuery } from "../core/client-list-query";
import { isoDate } from "../core/dates";
import type { Db } from "../db/client";
import { listConditions } from "../db/queries/clients";
import type { EthicoUserRow } from "../db/queries/users";
import { clients } from "../db/schema";
import { recordAudit } from "./audit";

/**
 * The command palette's clients: every active client in the caller's scope, names and band only,
 * loaded once when the palette opens and filtered in the browser as the user types.
 */
export async function paletteClients(db: Db, user: EthicoUserRow, now: Date) {
  const where = listConditions(clientScopeFor(user), parseClientListQuery(new URLSearchParams()), isoDate(now));
  const rows = await db
    .select({ id: clients.id, name: clients.name, tier: clients.contract_tier, score: clients.current_health_score, status: clients.health_status })
    .from(clients)
    .where(where)
    .orderBy(asc(clients.name));
  await recordAudit(db, { user, action: "list", resourceType: "client", outcome: "SUCCESS", details: { purpose: "command_palette", returned: rows.length } });
  return rows;
}
