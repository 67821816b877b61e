import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput, queryInput } from "#worker/api/input";
import { clientIdParam, idParam, onlyParams } from "#worker/api/params";
import { AiFeedbackSchema, BriefingQuerySchema, ChatRequestSchema } from "#worker/core/inputs/ai";
import { dailyBriefing } from "#worker/services/ai/briefing";
import { chat, recordAiFeedback, userConversation, userConversations } from "#worker/services/ai/chat";
import { aiEmailDraft, generateClientSummary, getClientSummary, recommendActions } from "#worker/services/ai/client-ai";

/** Mounted under /clients: the client's AI answers. Each says which provider wrote it. */
export const clientAiRoutes = new Hono<ApiEnv>()
  .get("/:id/summary", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getClientSummary(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date()));
  })
  .post("/:id/ai/summary", async (c) =>
    c.json(await generateClientSummary(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())),
  )
  .post("/:id/ai/actions", async (c) =>
    c.json(await recommendActions(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())),
  )
  .post("/:id/ai/email-draft", async (c) =>
    c.json(await aiEmailDraft(c.env, c.var.db, c.var.user, clientIdParam(c.req.param("id")), new Date())),
  );

/** Mounted at /ai: chat, the user's stored conversations, and feedback on any AI answer. */
export const aiRoutes = new Hono<ApiEnv>()
  .post("/chat", async (c) => {
    const input = await bodyInput(c, ChatRequestSchema, "chat message");
    return c.json(await chat(c.env, c.var.db, c.var.user, input, new Date()));
  })
  .get("/conversations", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await userConversations(c.var.db, c.var.user));
  })
  .get("/conversations/:id", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await userConversation(c.var.db, c.var.user, idParam(c.req.param("id"), "conversation")));
  })
  .get("/briefing", async (c) => {
    const q = queryInput(c, BriefingQuerySchema);
    return c.json(
      await dailyBriefing(c.env, c.var.db, c.var.user, new Date(), {
        csm_id: q.csm_id,
        limit: q.limit,
        appUrl: new URL(c.req.url).origin,
      }),
    );
  })
  .post("/feedback", async (c) => {
    const input = await bodyInput(c, AiFeedbackSchema, "feedback");
    return c.json(await recordAiFeedback(c.var.db, c.var.user, input));
  });
