import { count, eq } from "drizzle-orm";

import type { Db } from "#worker/db/client";
import { crmDeadLetters } from "#worker/db/schema";

// CRM pushes the queue gave up on, kept whole for an admin to replay.

export type CrmDeadLetterRow = typeof crmDeadLetters.$inferSelect;

export async function keepDeadLetter(db: Db, row: typeof crmDeadLetters.$inferInsert): Promise<void> {
  await db.insert(crmDeadLetters).values(row).onConflictDoNothing();
}

export async function deadLetterCount(db: Db): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(crmDeadLetters);
  return n;
}

export async function deadLetterPage(db: Db, limit: number): Promise<CrmDeadLetterRow[]> {
  return db.select().from(crmDeadLetters).limit(limit);
}

/** Deletes the message and returns it, or undefined when a parallel replay claimed it first. */
export async function claimDeadLetter(db: Db, id: string): Promise<CrmDeadLetterRow | undefined> {
  const [claimed] = await db.delete(crmDeadLetters).where(eq(crmDeadLetters.id, id)).returning();
  return claimed;
}

export async function restoreDeadLetter(db: Db, row: CrmDeadLetterRow): Promise<void> {
  await db.insert(crmDeadLetters).values(row);
}
