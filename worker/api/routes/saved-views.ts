import { Hono } from "hono";

import { NewSavedViewSchema } from "../../core/inputs/saved-view";
import { deleteView, listSavedViews, saveView } from "../../services/saved-views";
import type { ApiEnv } from "../context";
import { bodyInput } from "../input";
import { idParam, onlyParams } from "../params";

/** Mounted at /views: the caller's own saved portfolio views. */
export const savedViewRoutes = new Hono<ApiEnv>()
  .get("/", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json({ data: await listSavedViews(c.var.db, c.var.user) });
  })
  .post("/", async (c) => c.json(await saveView(c.var.db, c.var.user, await bodyInput(c, NewSavedViewSchema, "saved view", { maxBytes: 8192 }), new Date()), 201))
  .delete("/:id", async (c) => c.json(await deleteView(c.var.db, c.var.user, idParam(c.req.param("id"), "view"))));
