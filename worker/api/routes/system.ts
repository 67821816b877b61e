import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { onlyParams } from "#worker/api/params";
import { aiModelConfig } from "#worker/core/ai/model-catalog";
import { systemStatus } from "#worker/services/observability/system-status";

/** Mounted at /system: the admin's operational figures (services/observability/system-status.ts). */
export const systemRoutes = new Hono<ApiEnv>().get("/", async (c) => {
  onlyParams(c.req.queries(), []);
  return c.json(await systemStatus(c.var.db, c.var.user, new Date(), aiModelConfig(c.env)));
});
