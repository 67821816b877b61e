import type { AuditOutcome } from "../../core/enums";
import type { Db } from "../client";
import { auditLog } from "../schema";

export interface AuditEntry {
  userId: string | null;
  userEmail: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  statusCode?: number;
  details?: Record<string, unknown> | null;
  at: Date;
}

export async function insertAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: crypto.randomUUID(),
    at: e.at.toISOString(),
    user_id: e.userId,
    user_email: e.userEmail,
    action: e.action,
    resource_type: e.resourceType,
    resource_id: e.resourceId ?? null,
    outcome: e.outcome,
    status_code: e.statusCode ?? null,
    details: e.details ?? null,
  });
}
