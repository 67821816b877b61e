import { Hono } from "hono";
import { ActivityListQuerySchema, ActivityUpdateSchema, NewActivitySchema } from "../../core/inputs/activity";
import { parseInput, queryObject } from "../../core/inputs/common";
import { TimelineQuerySchema } from "../../core/inputs/timeline";
import { getActivities, logActivity, updateActivity } from "../../services/activities";
import { afterClientChange } from "../../services/client-changed";
import { exportTimeline, getTimeline } from "../../services/timeline";
import type { ApiEnv } from "../app";
import { jsonBody } from "../body";
import { clientIdParam, idParam } from "../params";

/** Mounted under /clients: GET and POST /:id/activities. */
export const clientActivityRoutes = new Hono<ApiEnv>()
  .get("/:id/activities", async (c) => {
    const q = parseInput(ActivityListQuerySchema, queryObject(new URL(c.req.url).searchParams), "query parameters");
    return c.json(await getActivities(c.var.db, c.var.user, clientIdParam(c.req.param("id")), { types: q.type ?? [], from: q.from ?? null, to: q.to ?? null, page: q.page, limit: q.limit }));
  })
  .get("/:id/timeline", async (c) => {
    const q = parseInput(TimelineQuerySchema, queryObject(new URL(c.req.url).searchParams), "query parameters");
    const query = { types: q.type ?? [], q: q.q || null, from: q.from, to: q.to, page: q.page, limit: q.limit };
    const id = clientIdParam(c.req.param("id"));
    if (q.format === "csv") {
      const result = await exportTimeline(c.var.db, c.var.user, id, query, new Date());
      return new Response(result.csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${result.filename}"`,
          "x-export-truncated": String(result.truncated),
        },
      });
    }
    return c.json(await getTimeline(c.var.db, c.var.user, id, query, new Date()));
  })
  .post("/:id/activities", async (c) => {
    const input = parseInput(NewActivitySchema, await jsonBody(c.req.raw), "activity");
    const clientId = clientIdParam(c.req.param("id"));
    const activity = await logActivity(c.var.db, c.var.user, clientId, input, new Date(), c.env);
    // Logging acknowledged the client's open alerts (every open tab hears of it) and moved its
    // last CSM activity (the CRM hears of it).
    c.executionCtx.waitUntil(afterClientChange(c.env, c.var.db, [clientId], new Date()));
    return c.json(activity, 201);
  });

/** Mounted at /activities: PUT /:id. */
export const activityRoutes = new Hono<ApiEnv>().put("/:id", async (c) => {
  const input = parseInput(ActivityUpdateSchema, await jsonBody(c.req.raw), "activity");
  return c.json(await updateActivity(c.var.db, c.var.user, idParam(c.req.param("id"), "activity"), input, new Date(), c.env));
});
