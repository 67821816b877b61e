import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { clientIdParam, onlyParams } from "#worker/api/params";
import { churnModelReport, clientChurnRisk, portfolioChurnRisk, trainChurnModelNow } from "#worker/services/churn";

/** Mounted under /clients: GET /:id/churn-risk. */
export const clientChurnRoutes = new Hono<ApiEnv>().get("/:id/churn-risk", async (c) => {
  onlyParams(c.req.queries(), []);
  return c.json(await clientChurnRisk(c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date()));
});

/** Mounted under /analytics: the portfolio view, the model report, and retraining on demand. */
export const churnAnalyticsRoutes = new Hono<ApiEnv>()
  .get("/churn-risk", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await portfolioChurnRisk(c.var.db, c.var.user, new Date()));
  })
  .get("/churn-model", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await churnModelReport(c.var.db));
  })
  .post("/churn-model/train", async (c) => c.json(await trainChurnModelNow(c.var.db, c.var.user, new Date()), 201));
