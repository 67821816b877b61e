import { Hono } from "hono";
import * as v from "valibot";
import { AppError } from "../../core/errors";
import { getAdoption, getAdoptionFeature } from "../../services/adoption";
import { getHeatmap, getUsage, getUsageUsers } from "../../services/usage";
import type { ApiEnv } from "../context";
import { clientIdParam, idParam, onlyParams } from "../params";

const Days = v.pipe(v.string(), v.regex(/^\d{1,3}$/, "must be a whole number"), v.transform(Number), v.minValue(1, "must be at least 1"), v.maxValue(120, "must be at most 120"));

/** Mounted under /clients. */
export const usageRoutes = new Hono<ApiEnv>()
  .get("/:id/usage", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getUsage(c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date()));
  })
  .get("/:id/usage/users", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getUsageUsers(c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date()));
  })
  .get("/:id/usage/heatmap", async (c) => {
    onlyParams(c.req.queries(), ["days"]);
    const raw = c.req.query("days");
    const r = raw ? v.safeParse(Days, raw) : { success: true as const, output: 30 };
    if (!r.success) throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: "days", message: r.issues[0].message }]);
    return c.json(await getHeatmap(c.var.db, c.var.user, clientIdParam(c.req.param("id")), r.output, new Date()));
  })
  .get("/:id/adoption", async (c) => {
    onlyParams(c.req.queries(), ["module"]);
    return c.json(await getAdoption(c.var.db, c.var.user, clientIdParam(c.req.param("id")), c.req.query("module") || undefined));
  })
  .get("/:id/adoption/:feature", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getAdoptionFeature(c.var.db, c.var.user, clientIdParam(c.req.param("id")), idParam(c.req.param("feature"), "feature"), new Date()));
  });
