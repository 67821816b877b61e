import type { AuditOutcome } from "../core/enums";
import type { Db } from "../db/client";
import { insertAudit } from "../db/queries/audit";

// Every read and write of client data, and every denied attempt, leaves a row here.

export interface AuditInput {
  user: { id: string; email: string } | null;
  userEmail?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  statusCode?: number;
  details?: Record<string, unknown> | null;
}

export async function recordAudit(db: Db, input: AuditInput, now: Date = new Date()): Promise<void> {
  await insertAudit(db, {
    userId: input.user?.id ?? null,
    userEmail: input.user?.email ?? input.userEmail ?? null,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    outcome: input.outcome,
    statusCode: input.statusCode,
    details: input.details ?? null,
    at: now,
  });
}
