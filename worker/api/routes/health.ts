import { Hono } from "hono";
import * as v from "valibot";
import { AppError } from "../../core/errors";
import { getClientHealth, getHealthHistory, healthHistoryCsv, refreshClientHealth } from "../../services/client-health";
import type { ApiEnv } from "../context";
import { clientIdParam, onlyParams } from "../params";

const DaysSchema = v.pipe(v.string(), v.regex(/^\d{1,4}$/, "must be a whole number"), v.transform(Number), v.minValue(1, "must be at least 1"), v.maxValue(1095, "must be at most 1095 (3 years)"));

function daysParam(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 90;
  const r = v.safeParse(DaysSchema, raw);
  if (!r.success) throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: "days", message: r.issues[0].message }]);
  return r.output;
}

/** Mounted under /clients: /:id/health, /:id/health/history, /:id/health/refresh. */
export const healthRoutes = new Hono<ApiEnv>()
  .get("/:id/health", async (c) => c.json(await getClientHealth(c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())))
  .get("/:id/health/history", async (c) => {
    onlyParams(c.req.queries(), ["days", "format"]);
    const format = c.req.query("format") || "json";
    if (format !== "json" && format !== "csv") throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: "format", message: "must be json or csv" }]);
    const history = await getHealthHistory(c.var.db, c.var.user, clientIdParam(c.req.param("id")), daysParam(c.req.query("days")), new Date());
    if (format === "json") return c.json(history);
    return c.body(healthHistoryCsv(history), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="health-trend-${history.client_id}-${history.days}d.csv"`,
    });
  })
  .post("/:id/health/refresh", async (c) => c.json(await refreshClientHealth(c.var.ctx, clientIdParam(c.req.param("id")))));
