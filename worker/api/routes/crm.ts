import { Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput } from "#worker/api/input";
import { clientIdParam, onlyParams } from "#worker/api/params";
import { connectionSchemaFor, CrmProviderParam, SyncConflictsQuerySchema } from "#worker/core/inputs/crm";
import { parseInput, parseParam } from "#worker/core/inputs/parse";
import { getCrmConnection, mayChangeCrmConnection, putCrmConnection } from "#worker/services/crm/connections";
import { listSyncConflicts, pullNow } from "#worker/services/crm/operations";
import { fullSync, replayDeadLetters, syncClientNow, syncStatus } from "#worker/services/crm/sync";

const provider = (raw: string) =>
  parseParam(CrmProviderParam, raw, { param: "provider", message: "No such CRM connection", code: "NOT_FOUND" });

/** Mounted at /crm: the Salesforce and HubSpot connections. */
export const crmRoutes = new Hono<ApiEnv>()
  .get("/connections/:provider", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getCrmConnection(c.var.db, c.var.user, provider(c.req.param("provider"))));
  })
  .put("/connections/:provider", async (c) => {
    const p = provider(c.req.param("provider"));
    return c.json(
      await putCrmConnection(
        c.env,
        c.var.db,
        c.var.user,
        p,
        await bodyInput(c, connectionSchemaFor(p), "connection", {
          authorize: () => mayChangeCrmConnection(c.var.db, c.var.user, p),
        }),
        new Date(),
      ),
    );
  });

/** Mounted at /sync: status, full sync, a pull now, the conflict log, replay of dead letters. */
export const syncRoutes = new Hono<ApiEnv>()
  .get("/status", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await syncStatus(c.var.db, c.var.user));
  })
  .post("/full", async (c) => c.json(await fullSync(c.env, c.var.db, c.var.user), 202))
  .post("/pull/:provider", async (c) =>
    c.json(await pullNow(c.env, c.var.db, c.var.user, provider(c.req.param("provider")), new Date())),
  )
  .get("/conflicts", async (c) => {
    onlyParams(c.req.queries(), ["provider", "limit"]);
    const q = parseInput(
      SyncConflictsQuerySchema,
      { provider: c.req.query("provider"), limit: c.req.query("limit") },
      "query",
    );
    return c.json(await listSyncConflicts(c.var.db, c.var.user, { provider: q.provider ?? null, limit: q.limit }));
  })
  .post("/dead-letters/replay", async (c) => c.json(await replayDeadLetters(c.env, c.var.db, c.var.user)));

/** Mounted under /clients: push one client to a CRM now. */
export const clientSyncRoutes = new Hono<ApiEnv>().post("/:id/sync/:provider", async (c) =>
  c.json(
    await syncClientNow(
      c.env,
      c.var.db,
      c.var.user,
      clientIdParam(c.req.param("id")),
      provider(c.req.param("provider")),
      new Date(),
    ),
  ),
);
