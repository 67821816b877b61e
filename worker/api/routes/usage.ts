import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { clientIdParam, idParam, onlyParams } from "#worker/api/params";
import { HeatmapDays } from "#worker/core/inputs/client-health";
import { parseParam } from "#worker/core/inputs/parse";
import { getAdoption, getAdoptionFeature } from "#worker/services/adoption";
import { getHeatmap, getUsage, getUsageUsers } from "#worker/services/usage";

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
    const days = parseParam(HeatmapDays, c.req.query("days"), {
      param: "days",
      message: "Invalid query parameters",
      fallback: 30,
    });
    return c.json(await getHeatmap(c.var.db, c.var.user, clientIdParam(c.req.param("id")), days, new Date()));
  })
  .get("/:id/adoption", async (c) => {
    onlyParams(c.req.queries(), ["module"]);
    return c.json(
      await getAdoption(c.var.db, c.var.user, clientIdParam(c.req.param("id")), c.req.query("module") || undefined),
    );
  })
  .get("/:id/adoption/:feature", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(
      await getAdoptionFeature(
        c.var.db,
        c.var.user,
        clientIdParam(c.req.param("id")),
        idParam(c.req.param("feature"), "feature"),
        new Date(),
      ),
    );
  });
