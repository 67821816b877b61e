import { type Context, Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput } from "#worker/api/input";
import { idParam } from "#worker/api/params";
import {
  HEALTH_CONFIG_INPUT,
  HealthConfigCreateSchema,
  HealthConfigSimulateSchema,
  HealthConfigUpdateSchema,
} from "#worker/core/inputs/health-config";
import {
  createHealthConfig,
  listHealthConfigs,
  requireRole,
  saveHealthConfigVersion,
  simulateHealthConfig,
} from "#worker/services/health/config";
import { applySuggestedWeights, suggestHealthWeights } from "#worker/services/health/weight-suggestion";

// The role is checked before the body is validated, as the services did before decision 024.
const mayChange = (c: Context<ApiEnv>) => () =>
  requireRole(c.var.db, c.var.user, "health_config.write", "change the health-score configuration");
const maySimulate = (c: Context<ApiEnv>) => () =>
  requireRole(c.var.db, c.var.user, "health_config.read", "simulate health-score configurations");

/** /config/health-score: list, create, new version (PUT), simulate, suggested weights (and apply). A saved formula re-scores the portfolio. */
export const configRoutes = new Hono<ApiEnv>()
  .get("/health-score", async (c) => c.json(await listHealthConfigs(c.var.db, c.var.user)))
  .post("/health-score", async (c) =>
    c.json(
      await createHealthConfig(
        c.var.ctx,
        await bodyInput(c, HealthConfigCreateSchema, HEALTH_CONFIG_INPUT, { authorize: mayChange(c) }),
      ),
      201,
    ),
  )
  .put("/health-score/:id", async (c) =>
    c.json(
      await saveHealthConfigVersion(
        c.var.ctx,
        idParam(c.req.param("id"), "configuration"),
        await bodyInput(c, HealthConfigUpdateSchema, HEALTH_CONFIG_INPUT, { authorize: mayChange(c) }),
      ),
    ),
  )
  .get("/health-score/:id/suggestion", async (c) =>
    c.json(await suggestHealthWeights(c.var.db, c.var.user, idParam(c.req.param("id"), "configuration"), new Date())),
  )
  .post("/health-score/:id/suggestion/apply", async (c) =>
    c.json(await applySuggestedWeights(c.var.ctx, idParam(c.req.param("id"), "configuration")), 201),
  )
  .post("/health-score/:id/simulate", async (c) =>
    c.json(
      await simulateHealthConfig(
        c.var.db,
        c.var.user,
        idParam(c.req.param("id"), "configuration"),
        await bodyInput(c, HealthConfigSimulateSchema, HEALTH_CONFIG_INPUT, { authorize: maySimulate(c) }),
        new Date(),
      ),
    ),
  );
