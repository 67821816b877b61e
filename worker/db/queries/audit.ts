import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";

import type { AuditQuery } from "#worker/core/audit-query";
import type { AuditOutcome } from "#worker/core/enums";
import type { Db } from "#worker/db/client";
import { auditLog } from "#worker/db/schema";

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

/** Longest text an audit row keeps of a path, claimed identity or other caller-chosen value. */
export const AUDIT_TEXT_MAX = 512;
/** Longest details JSON kept whole; a longer one keeps a preview. */
export const AUDIT_DETAILS_MAX = 4096;
/** Refusal rows written per caller and minute; further refusals are only counted (decision 016). */
export const REFUSAL_ROWS_PER_MINUTE = 20;
/** Outcomes that are refusals: rate-limited when written, and deleted after a year by retention. */
export const REFUSAL_OUTCOMES: readonly AuditOutcome[] = ["DENIED", "NOT_FOUND", "INVALID"];

/** At most AUDIT_TEXT_MAX characters, with a marker that says how much was cut. */
export function clip(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.length > AUDIT_TEXT_MAX
    ? `${value.slice(0, AUDIT_TEXT_MAX)}…[truncated ${value.length - AUDIT_TEXT_MAX} chars]`
    : value;
}

function clipDetails(details: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!details) return null;
  const text = JSON.stringify(details);
  return text.length > AUDIT_DETAILS_MAX
    ? { truncated: true, length: text.length, preview: text.slice(0, AUDIT_TEXT_MAX) }
    : details;
}

function auditRow(e: AuditEntry) {
  return {
    id: crypto.randomUUID(),
    at: e.at.toISOString(),
    user_id: clip(e.userId),
    user_email: clip(e.userEmail),
    action: clip(e.action)!,
    resource_type: clip(e.resourceType)!,
    resource_id: clip(e.resourceId ?? null),
    outcome: e.outcome,
    status_code: e.statusCode ?? null,
    details: clipDetails(e.details),
  };
}

export async function insertAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(e));
}

/**
 * A refusal: counted for its caller and minute, and written as a row only while that count is
 * within REFUSAL_ROWS_PER_MINUTE, in one batch (so parallel refusals cannot both slip past the
 * limit). A flood of refused requests costs one counter row a minute, not a row each.
 */
export async function insertRefusalAudit(db: Db, e: AuditEntry, caller: string): Promise<boolean> {
  const row = auditRow({ ...e, details: { ...(e.details ?? {}), caller: clip(caller) } });
  const minute = row.at.slice(0, 16);
  const key = clip(caller)!;
  const d1 = db.$client;
  const [, inserted] = await d1.batch([
    d1
      .prepare(
        "INSERT INTO audit_refusal_counts (caller, minute, refused) VALUES (?, ?, 1) ON CONFLICT (caller, minute) DO UPDATE SET refused = refused + 1",
      )
      .bind(key, minute),
    d1
      .prepare(
        `INSERT INTO audit_log (id, at, user_id, user_email, action, resource_type, resource_id, outcome, status_code, details)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT refused FROM audit_refusal_counts WHERE caller = ? AND minute = ?) <= ?`,
      )
      .bind(
        row.id,
        row.at,
        row.user_id,
        row.user_email,
        row.action,
        row.resource_type,
        row.resource_id,
        row.outcome,
        row.status_code,
        row.details ? JSON.stringify(row.details) : null,
        key,
        minute,
        REFUSAL_ROWS_PER_MINUTE,
      ),
  ]);
  return inserted.meta.changes > 0;
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
  if (q.user)
    where.push(
      q.user.includes("@") ? sql`lower(${auditLog.user_email}) = lower(${q.user})` : eq(auditLog.user_id, q.user),
    );
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
export async function findAudit(
  db: Db,
  q: AuditQuery,
  page: { offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = and(...auditFilters(q));
  const [rows, [count]] = await db.batch([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(where),
  ]);
  return { rows: rows as AuditRow[], total: Number(count?.n ?? 0) };
}
