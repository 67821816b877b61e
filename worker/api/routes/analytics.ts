import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { queryInput } from "#worker/api/input";
import { idParam } from "#worker/api/params";
import {
  AtRiskQuery,
  CsmPerformanceQuery,
  DistributionQuery,
  PortfolioAnalyticsQuery,
  RenewalsQuery,
} from "#worker/core/inputs/analytics";
import { csmMetrics, csmPerformance } from "#worker/services/csm-performance";
import {
  atRiskSummary,
  healthDistribution,
  portfolioAnalytics,
  upcomingRenewals,
} from "#worker/services/portfolio-analytics";

/** Mounted at /analytics. Every figure covers the caller's scope (a CSM: their own book). */
export const analyticsRoutes = new Hono<ApiEnv>()
  .get("/portfolio", async (c) =>
    c.json(await portfolioAnalytics(c.var.db, c.var.user, queryInput(c, PortfolioAnalyticsQuery), new Date())),
  )
  .get("/health-distribution", async (c) =>
    c.json(await healthDistribution(c.var.db, c.var.user, queryInput(c, DistributionQuery), new Date())),
  )
  .get("/at-risk", async (c) =>
    c.json(await atRiskSummary(c.var.db, c.var.user, queryInput(c, AtRiskQuery), new Date())),
  )
  .get("/renewals", async (c) =>
    c.json(await upcomingRenewals(c.var.db, c.var.user, queryInput(c, RenewalsQuery), new Date())),
  )
  .get("/csm-performance", async (c) =>
    c.json(await csmPerformance(c.var.db, c.var.user, queryInput(c, CsmPerformanceQuery), new Date())),
  )
  .get("/csm/:id/metrics", async (c) =>
    c.json(
      await csmMetrics(
        c.var.db,
        c.var.user,
        idParam(c.req.param("id"), "CSM"),
        queryInput(c, CsmPerformanceQuery),
        new Date(),
      ),
    ),
  );
