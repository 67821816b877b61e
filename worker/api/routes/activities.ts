import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput, queryInput } from "#worker/api/input";
import { clientIdParam, idParam } from "#worker/api/params";
import { AppError } from "#worker/core/errors";
import { ActivityListQuerySchema, ActivityUpdateSchema, NewActivitySchema } from "#worker/core/inputs/activity";
import { TaskQuerySchema } from "#worker/core/inputs/activity";
import { TimelineQuerySchema } from "#worker/core/inputs/timeline";
import { deleteActivity, getActivities, logActivity, updateActivity } from "#worker/services/activities";
import { listTasks } from "#worker/services/tasks";
import { exportTimeline, getTimeline } from "#worker/services/timeline";

/** Mounted under /clients: GET and POST /:id/activities. */
export const clientActivityRoutes = new Hono<ApiEnv>()
  .get("/:id/activities", async (c) => {
    const q = queryInput(c, ActivityListQuerySchema);
    return c.json(
      await getActivities(c.var.db, c.var.user, clientIdParam(c.req.param("id")), {
        types: q.type ?? [],
        from: q.from ?? null,
        to: q.to ?? null,
        page: q.page,
        limit: q.limit,
      }),
    );
  })
  .get("/:id/timeline", async (c) => {
    const q = queryInput(c, TimelineQuerySchema);
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
    const input = await bodyInput(c, NewActivitySchema, "activity");
    const clientId = clientIdParam(c.req.param("id"));
    const { replayed, ...activity } = await logActivity(
      c.var.ctx,
      clientId,
      input,
      idempotencyKey(c.req.header("idempotency-key")),
    );
    // A repeated Idempotency-Key answers with the activity the first request logged.
    if (replayed) return c.json(activity, 200, { "idempotent-replayed": "true" });
    return c.json(activity, 201);
  });

/** Mounted at /activities: PUT and DELETE /:id; an edit reaches the CRM record too. */
export const activityRoutes = new Hono<ApiEnv>()
  .put("/:id", async (c) => {
    const input = await bodyInput(c, ActivityUpdateSchema, "activity");
    return c.json(await updateActivity(c.var.ctx, idParam(c.req.param("id"), "activity"), input));
  })
  .delete("/:id", async (c) => c.json(await deleteActivity(c.var.ctx, idParam(c.req.param("id"), "activity"))));

/** Mounted at /tasks: GET / is the user's open follow-ups in buckets on their calendar. */
export const taskRoutes = new Hono<ApiEnv>().get("/", async (c) => {
  const q = queryInput(c, TaskQuerySchema);
  return c.json(await listTasks(c.var.db, c.var.user, new Date(), q.time_zone ?? null));
});

/** A client-generated key (a UUID or similar): at most 100 visible characters. */
function idempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  const key = header.trim();
  if (!/^[\x21-\x7e]{8,100}$/.test(key))
    throw new AppError("BAD_REQUEST", "Invalid Idempotency-Key header", [
      { field: "Idempotency-Key", message: "must be 8 to 100 visible ASCII characters" },
    ]);
  return key;
}
