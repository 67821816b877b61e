import { Hono } from "hono";
import * as v from "valibot";
import { AppError } from "../../core/errors";
import { BenchmarkQuery, IndustryBenchmarkQuery } from "../../core/inputs/analytics";
import { parseInput, queryObject } from "../../core/inputs/common";
import { clientBenchmark, industryBenchmark } from "../../services/benchmarks";
import type { ApiEnv } from "../context";
import { clientIdParam } from "../params";

const IndustryName = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(80, "must be at most 80 characters"));

/** `GET /clients/:id/benchmark` (mounted under /clients). */
export const clientBenchmarkRoutes = new Hono<ApiEnv>().get("/:id/benchmark", async (c) => {
  const q = parseInput(BenchmarkQuery, queryObject(new URL(c.req.url).searchParams), "query parameters");
  return c.json(await clientBenchmark(c.var.db, c.var.user, clientIdParam(c.req.param("id")), q, new Date()));
});

/** `GET /benchmarks/industry/:industry` (mounted at /benchmarks). */
export const benchmarkRoutes = new Hono<ApiEnv>().get("/industry/:industry", async (c) => {
  const q = parseInput(IndustryBenchmarkQuery, queryObject(new URL(c.req.url).searchParams), "query parameters");
  const name = v.safeParse(IndustryName, c.req.param("industry"));
  if (!name.success) throw new AppError("BAD_REQUEST", "Invalid industry", [{ param: "industry", message: name.issues[0].message }]);
  return c.json(await industryBenchmark(c.var.db, c.var.user, name.output, q, new Date()));
});
