import { asc, eq, inArray } from "drizzle-orm";

import { CSM_ROLES } from "#worker/core/access-policy";
import type { Db } from "#worker/db/client";
import { ethicoUsers } from "#worker/db/schema";

export type EthicoUserRow = typeof ethicoUsers.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<EthicoUserRow | undefined> {
  return db.query.ethicoUsers.findFirst({ where: eq(ethicoUsers.email, email.toLowerCase()) });
}

export async function listActiveUsers(db: Db): Promise<EthicoUserRow[]> {
  return db.select().from(ethicoUsers).where(eq(ethicoUsers.is_active, true)).orderBy(asc(ethicoUsers.email));
}

export async function listCsms(db: Db): Promise<Pick<EthicoUserRow, "id" | "first_name" | "last_name">[]> {
  return db
    .select({ id: ethicoUsers.id, first_name: ethicoUsers.first_name, last_name: ethicoUsers.last_name })
    .from(ethicoUsers)
    .where(inArray(ethicoUsers.role, CSM_ROLES))
    .orderBy(asc(ethicoUsers.last_name), asc(ethicoUsers.first_name));
}
