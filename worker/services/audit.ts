import type { Db } from "../db/client";
import { insertAudit, type AuditEntry } from "../db/queries/audit";

// Every read and write of client data, and every denied attempt, leaves a row here.

export type AuditInput = Omit<AuditEntry, "userId" | "userEmail" | "at"> & {
  user: { id: string; email: string } | null;
  /** The claimed email when there is no user (a denied sign-in). */
  userEmail?: string | null;
};

export async function recordAudit(db: Db, input: AuditInput, now: Date = new Date()): Promise<void> {
  const { user, userEmail, ...entry } = input;
  await insertAudit(db, { ...entry, userId: user?.id ?? null, userEmail: user?.email ?? userEmail ?? null, at: now });
}
