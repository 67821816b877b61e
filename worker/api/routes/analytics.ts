import { Hono } from "hono";
import { AtRiskQuery, CsmPerformanceQuery, DistributionQuery, PortfolioAnalyticsQuery, RenewalsQuery } from "../../core/inputs/analytics";
import { parseInput, queryObject } from "../../core/inputs/common";
import { csmMetrics, csmPerformance } from "../../services/csm-performance";
import { atRiskSummary, healthDistribution, portfolioAnalytics, upcomingRenewals } from "../../services/portfolio-analytics";
import type { ApiEnv } from "../context";
import { idParam } from "../params";

const query = <S extends Parameters<typeof parseInput>[0]>(schema: S, url: string) =>
  parseInput(schema, queryObject(new URL(url).searchParams), "query parameters");

/** Mounted at /analytics. Every figure covers the caller's scope (a CSM: their own book). */
export const analyticsRoutes = new Hono<ApiEnv>()
  .get("/portfolio", async (c) => c.json(await portfolioAnalytics(c.var.db, c.var.user, query(PortfolioAnalyticsQuery, c.req.url), new Date())))
  .get("/health-distribution", async (c) => c.json(await healthDistribution(c.var.db, c.var.user, query(DistributionQuery, c.req.url), new Date())))
  .get("/at-risk", async (c) => c.json(await atRiskSummary(c.var.db, c.var.user, query(AtRiskQuery, c.req.url), new Date())))
  .get("/renewals", async (c) => c.json(await upcomingRenewals(c.var.db, c.var.user, query(RenewalsQuery, c.req.url), new Date())))
  .get("/csm-performance", async (c) => c.json(await csmPerformance(c.var.db, c.var.user, query(CsmPerformanceQuery, c.req.url), new Date())))
  .get("/csm/:id/metrics", async (c) =>
    c.json(await csmMetrics(c.var.db, c.var.user, idParam(c.req.param("id"), "CSM"), query(CsmPerformanceQuery, c.req.url), new Date())),
  );
