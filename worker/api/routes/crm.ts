import { Hono } from "hono";
import * as v from "valibot";
import { AppError } from "../../core/errors";
import { CrmProviderParam, getCrmConnection, putCrmConnection } from "../../services/crm/connections";
import type { ApiEnv } from "../app";
import { jsonBody } from "../body";
import { onlyParams } from "../params";

const provider = (raw: string) => {
  const r = v.safeParse(CrmProviderParam, raw);
  if (!r.success) throw new AppError("NOT_FOUND", "No such CRM connection", [{ param: "provider", message: r.issues[0].message }]);
  return r.output;
};

/** Mounted at /crm: the Salesforce and HubSpot connections. */
export const crmRoutes = new Hono<ApiEnv>()
  .get("/connections/:provider", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await getCrmConnection(c.var.db, c.var.user, provider(c.req.param("provider"))));
  })
  .put("/connections/:provider", async (c) => c.json(await putCrmConnection(c.env, c.var.db, c.var.user, provider(c.req.param("provider")), await jsonBody(c.req.raw), new Date())));
