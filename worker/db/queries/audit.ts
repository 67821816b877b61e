import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { AuditQuery } from "../../core/audit-query";
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

export interface AuditRow {
  id: string;
  at: string;
  user_id: string | null;
  user_email: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: AuditOutcome;
  status_code: number | null;
  details: Record<string, unknown> | null;
}

function auditFilters(q: AuditQuery): SQL[] {
  const where: SQL[] = [];
  if (q.user) where.push(q.user.includes("@") ? sql`lower(${auditLog.user_email}) = lower(${q.user})` : eq(auditLog.user_id, q.user));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.resource_type) where.push(eq(auditLog.resource_type, q.resource_type));
  if (q.resource_id) where.push(eq(auditLog.resource_id, q.resource_id));
  if (q.outcome) where.push(eq(auditLog.outcome, q.outcome));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lt(auditLog.at, q.to));
  if (q.as_of) where.push(lt(auditLog.at, q.as_of));
  return where;
}

/** Newest first; `offset`/`limit` page through it. The total is counted with the same filters. */
export async function findAudit(db: Db, q: AuditQuery, page: { offset: number; limit: number }): Promise<{ rows: AuditRow[]; total: number }> {
  const where = and(...auditFilters(q));
  const [rows, [count]] = await db.batch([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where),
  ]);
  return { rows: rows as AuditRow[], total: Number(count?.n ?? 0) };
}
