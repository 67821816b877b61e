import { and, eq, sql } from "drizzle-orm";

import type { ClientScope } from "#worker/core/access-policy";
import type { Db } from "#worker/db/client";
import { needsAttentionSql } from "#worker/db/metric-sql";
import { clients } from "#worker/db/schema";

import { scopeCondition } from "./clients";

/** How many active clients in scope (optionally one CSM's) need attention today: the whole count, not the listed slice. */
export async function countNeedingAttention(
  db: Db,
  scope: ClientScope,
  csmId: string | null,
  today: string,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(clients)
    .where(
      and(
        eq(clients.account_status, "ACTIVE"),
        scopeCondition(scope),
        csmId ? eq(clients.csm_user_id, csmId) : undefined,
        needsAttentionSql(today),
      ),
    );
  return Number(row?.n ?? 0);
}
