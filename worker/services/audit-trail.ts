import { can } from "#worker/core/access-policy";
import { AUDIT_EXPORT_LIMIT, type AuditQuery } from "#worker/core/audit-query";
import { toCsv } from "#worker/core/csv";
import type { Db } from "#worker/db/client";
import { findAudit } from "#worker/db/queries/audit";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { deny } from "./client-access";

// Reading the audit trail (API GET /audit, the admin page, its CSV). Nothing here or anywhere in
// the app changes or deletes a row: the table's triggers refuse it (migration 0016).

const AUDIT_COLUMNS = [
  "at",
  "user_id",
  "user_email",
  "action",
  "resource_type",
  "resource_id",
  "outcome",
  "status_code",
  "details",
] as const;

async function mayReadAudit(db: Db, user: EthicoUserRow, query: AuditQuery): Promise<void> {
  // Who may read it: the people accountable for access (docs/permissions.md).
  if (!can(user.role, "audit.read"))
    await deny(
      db,
      user,
      { action: "read", resourceType: "audit_log" },
      "Only an admin or the VP of Client Success can read the audit trail",
    );
  // Reading the trail is itself on the trail, with the filters used.
  await recordAudit(db, {
    user,
    action: query.format === "csv" ? "export" : "read",
    resourceType: "audit_log",
    outcome: "SUCCESS",
    details: { filters: filtersOf(query) },
  });
}

function filtersOf(q: AuditQuery): Record<string, string> {
  const { page: _p, limit: _l, format: _f, as_of: _a, ...filters } = q;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== null)) as Record<string, string>;
}

/** GET /audit: one page of the trail, newest first, with the filters applied. */
export async function searchAudit(db: Db, user: EthicoUserRow, parsed: AuditQuery, now: Date = new Date()) {
  const query = { ...parsed, as_of: parsed.as_of ?? now.toISOString() };
  await mayReadAudit(db, user, parsed);
  const { rows, total } = await findAudit(db, query, { offset: (query.page - 1) * query.limit, limit: query.limit });
  const pagination = {
    page: query.page,
    limit: query.limit,
    total,
    total_pages: Math.max(1, Math.ceil(total / query.limit)),
    as_of: query.as_of,
  };
  return { data: rows, pagination, filters: filtersOf(parsed) };
}

/** GET /audit?format=csv: the filtered trail as CSV, newest first, at most AUDIT_EXPORT_LIMIT rows. */
export async function exportAudit(
  db: Db,
  user: EthicoUserRow,
  parsed: AuditQuery,
): Promise<{ csv: string; truncated: boolean; total: number }> {
  const query = { ...parsed, format: "csv" as const };
  await mayReadAudit(db, user, query);
  const { rows, total } = await findAudit(db, query, { offset: 0, limit: AUDIT_EXPORT_LIMIT });
  const csv = toCsv(
    AUDIT_COLUMNS,
    rows.map((r) => ({ ...r, details: r.details ? JSON.stringify(r.details) : null })),
  );
  return { csv, truncated: total > rows.length, total };
}
