import type { Db } from "#worker/db/client";
import { type AuditEntry, insertAudit, insertRefusalAudit, REFUSAL_OUTCOMES } from "#worker/db/queries/audit";

// Every read and write of client data, and every denied attempt, leaves a row here.

export type AuditInput = Omit<AuditEntry, "userId" | "userEmail" | "at"> & {
  user: { id: string; email: string } | null;
  /** The claimed email when there is no user (a denied sign-in). */
  userEmail?: string | null;
  /** Who a refusal is counted against (rate limit): the user, else the caller's IP (`ip:…`). */
  caller?: string;
};

export async function recordAudit(db: Db, input: AuditInput, now: Date = new Date()): Promise<void> {
  const { user, userEmail, caller, ...entry } = input;
  const row = { ...entry, userId: user?.id ?? null, userEmail: user?.email ?? userEmail ?? null, at: now };
  // Refusals are rate-limited per caller; a claimed email is the caller's choice, so it is not the key.
  if (REFUSAL_OUTCOMES.includes(entry.outcome))
    await insertRefusalAudit(db, row, user ? `user:${user.id}` : (caller ?? "ip:unknown"));
  else await insertAudit(db, row);
}
