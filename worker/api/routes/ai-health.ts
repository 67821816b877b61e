import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { aiFeatureHealthFor } from "#worker/services/ai/feature-health";

/** Mounted at /system/ai: per AI feature, the last successful model call, 24 h fallback rate and last error. */
export const aiHealthRoutes = new Hono<ApiEnv>().get("/", async (c) =>
  c.json(await aiFeatureHealthFor(c.var.db, c.var.user, c.env, new Date())),
);
