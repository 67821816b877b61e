import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { parseAuditQuery } from "#worker/core/audit-query";
import { exportAudit, searchAudit } from "#worker/services/audit-trail";

/** Mounted at /audit: the audit trail, filtered, as JSON pages or CSV (ADMIN, VP of Client Success). */
export const auditRoutes = new Hono<ApiEnv>().get("/", async (c) => {
  const params = new URL(c.req.url).searchParams;
  if (params.get("format") === "csv") {
    const { csv, truncated, total } = await exportAudit(c.var.db, c.var.user, parseAuditQuery(params));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="audit-log.csv"',
        "x-export-truncated": String(truncated),
        "x-total-count": String(total),
      },
    });
  }
  return c.json(await searchAudit(c.var.db, c.var.user, parseAuditQuery(params)));
});
