import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { queryInput } from "#worker/api/input";
import { clientIdParam } from "#worker/api/params";
import { BenchmarkQuery, IndustryBenchmarkQuery, IndustryName } from "#worker/core/inputs/analytics";
import { parseParam } from "#worker/core/inputs/parse";
import { clientBenchmark, industryBenchmark } from "#worker/services/benchmarks";

/** `GET /clients/:id/benchmark` (mounted under /clients). */
export const clientBenchmarkRoutes = new Hono<ApiEnv>().get("/:id/benchmark", async (c) => {
  const q = queryInput(c, BenchmarkQuery);
  return c.json(await clientBenchmark(c.var.db, c.var.user, clientIdParam(c.req.param("id")), q, new Date()));
});

/** `GET /benchmarks/industry/:industry` (mounted at /benchmarks). */
export const benchmarkRoutes = new Hono<ApiEnv>().get("/industry/:industry", async (c) => {
  const q = queryInput(c, IndustryBenchmarkQuery);
  const name = parseParam(IndustryName, c.req.param("industry"), { param: "industry", message: "Invalid industry" });
  return c.json(await industryBenchmark(c.var.db, c.var.user, name, q, new Date()));
});
