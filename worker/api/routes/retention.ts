import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { onlyParams } from "#worker/api/params";
import { retentionDryRun } from "#worker/services/retention";

/** Mounted at /retention: what the next daily run would delete (the run itself is the cron's). */
export const retentionRoutes = new Hono<ApiEnv>().get("/", async (c) => {
  onlyParams(c.req.queries(), []);
  return c.json(await retentionDryRun(c.var.db, c.var.user, new Date()));
});
