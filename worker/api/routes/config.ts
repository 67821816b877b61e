import { Hono } from "hono";
import { createHealthConfig, listHealthConfigs, saveHealthConfigVersion, simulateHealthConfig } from "../../services/health-config";
import { applySuggestedWeights, suggestHealthWeights } from "../../services/weight-suggestion";
import type { ApiEnv } from "../context";
import { jsonBody } from "../body";
import { idParam } from "../params";

/** /config/health-score: list, create, new version (PUT), simulate, suggested weights (and apply). A saved formula re-scores the portfolio. */
export const configRoutes = new Hono<ApiEnv>()
  .get("/health-score", async (c) => c.json(await listHealthConfigs(c.var.db, c.var.user)))
  .post("/health-score", async (c) => c.json(await createHealthConfig(c.var.ctx, await jsonBody(c.req.raw)), 201))
  .put("/health-score/:id", async (c) => c.json(await saveHealthConfigVersion(c.var.ctx, idParam(c.req.param("id"), "configuration"), await jsonBody(c.req.raw))))
  .get("/health-score/:id/suggestion", async (c) => c.json(await suggestHealthWeights(c.var.db, c.var.user, idParam(c.req.param("id"), "configuration"), new Date())))
  .post("/health-score/:id/suggestion/apply", async (c) => c.json(await applySuggestedWeights(c.var.ctx, idParam(c.req.param("id"), "configuration")), 201))
  .post("/health-score/:id/simulate", async (c) =>
    c.json(await simulateHealthConfig(c.var.db, c.var.user, idParam(c.req.param("id"), "configuration"), await jsonBody(c.req.raw), new Date())),
  );
