import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput } from "#worker/api/input";
import { idParam, onlyParams } from "#worker/api/params";
import { NewSavedViewSchema } from "#worker/core/inputs/saved-view";
import { deleteView, listSavedViews, saveView } from "#worker/services/saved-views";

/** Mounted at /views: the caller's own saved portfolio views. */
export const savedViewRoutes = new Hono<ApiEnv>()
  .get("/", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json({ data: await listSavedViews(c.var.db, c.var.user) });
  })
  .post("/", async (c) =>
    c.json(
      await saveView(
        c.var.db,
        c.var.user,
        await bodyInput(c, NewSavedViewSchema, "saved view", { maxBytes: 8192 }),
        new Date(),
      ),
      201,
    ),
  )
  .delete("/:id", async (c) => c.json(await deleteView(c.var.db, c.var.user, idParam(c.req.param("id"), "view"))));
