import { Hono } from "hono";
import { aiEmailDraft, generateClientSummary, getClientSummary, recommendActions } from "../../services/ai/client-ai";
import type { ApiEnv } from "../app";
import { clientIdParam, onlyParams } from "../params";

/** Mounted under /clients: the client's AI answers. Each says which provider wrote it. */
export const clientAiRoutes = new Hono<ApiEnv>()
  .get("/:id/summary", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getClientSummary(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date()));
  })
  .post("/:id/ai/summary", async (c) => c.json(await generateClientSummary(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())))
  .post("/:id/ai/actions", async (c) => c.json(await recommendActions(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())))
  .post("/:id/ai/email-draft", async (c) => c.json(await aiEmailDraft(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())));
