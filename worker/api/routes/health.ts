import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { clientIdParam, onlyParams } from "#worker/api/params";
import { HealthHistoryDays, HealthHistoryFormat } from "#worker/core/inputs/client-health";
import { parseParam } from "#worker/core/inputs/parse";
import {
  getClientHealth,
  getHealthHistory,
  healthHistoryCsv,
  refreshClientHealth,
} from "#worker/services/health/client-health";

const invalid = "Invalid query parameters";

/** Mounted under /clients: /:id/health, /:id/health/history, /:id/health/refresh. */
export const healthRoutes = new Hono<ApiEnv>()
  .get("/:id/health", async (c) =>
    c.json(await getClientHealth(c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())),
  )
  .get("/:id/health/history", async (c) => {
    onlyParams(c.req.queries(), ["days", "format"]);
    const format = parseParam(HealthHistoryFormat, c.req.query("format"), {
      param: "format",
      message: invalid,
      fallback: "json",
    });
    const id = clientIdParam(c.req.param("id"));
    const days = parseParam(HealthHistoryDays, c.req.query("days"), { param: "days", message: invalid, fallback: 90 });
    const history = await getHealthHistory(c.var.db, c.var.user, id, days, new Date());
    if (format === "json") return c.json(history);
    return c.body(healthHistoryCsv(history), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="health-trend-${history.client_id}-${history.days}d.csv"`,
    });
  })
  .post("/:id/health/refresh", async (c) =>
    c.json(await refreshClientHealth(c.var.ctx, clientIdParam(c.req.param("id")))),
  );
