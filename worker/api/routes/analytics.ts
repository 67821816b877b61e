import { Hono } from "hono";
import { portfolioSummary } from "../../services/clients";
import type { ApiEnv } from "../app";
import { onlyParams } from "../params";

/** Mounted at /analytics. The caller's portfolio (their scope), aggregated. */
export const analyticsRoutes = new Hono<ApiEnv>().get("/portfolio", async (c) => {
  onlyParams(c.req.queries(), []);
  return c.json(await portfolioSummary(c.var.db, c.var.user, new Date()));
});
