import { type Context, Hono } from "hono";

import type { ApiEnv } from "#worker/api/context";
import { bodyInput, optionalBodyInput, queryInput } from "#worker/api/input";
import { clientIdParam, idParam, onlyParams } from "#worker/api/params";
import {
  AlertListQuerySchema,
  AlertSettingsBodySchema,
  BulkAlertSchema,
  ResolveSchema,
  SnoozeSchema,
} from "#worker/core/inputs/alerts";
import { getAlertConfig, putAlertConfig } from "#worker/services/alerts/alert-config";
import { streamNameFor } from "#worker/services/alerts/alert-stream-access";
import {
  type AlertAction,
  bulkChangeAlerts,
  changeAlert,
  getAlerts,
  getClientAlerts,
  snoozeSpec,
  unreadAlertCount,
} from "#worker/services/alerts/alert-workflow";

// PRD Alert Endpoints, the live stream (WebSocket) and the alert settings.

const listQuery = (c: Context<ApiEnv>) => {
  const q = queryInput(c, AlertListQuerySchema);
  return {
    types: q.type ?? [],
    severities: q.severity ?? [],
    statuses: q.status ?? [],
    client_id: q.client_id ?? null,
    group: q.group ?? null,
    page: q.page,
    limit: q.limit,
  };
};

// Every change pushes itself to the open tabs (services/alerts/alert-workflow.ts).
const act = async (c: Context<ApiEnv>, action: AlertAction) =>
  c.json(await changeAlert(c.var.ctx, idParam(c.req.param("id") ?? "", "alert"), action));

export const alertRoutes = new Hono<ApiEnv>()
  .get("/", async (c) => c.json(await getAlerts(c.var.db, c.var.user, listQuery(c), new Date())))
  .get("/unread", async (c) => {
    onlyParams(c.req.queries(), []);
    return c.json(await unreadAlertCount(c.var.db, c.var.user));
  })
  .get("/stream", async (c) => {
    const stub = c.env.ALERT_STREAMS.get(c.env.ALERT_STREAMS.idFromName(streamNameFor(c.var.user)));
    return stub.fetch(c.req.raw);
  })
  // One action on a selection of alerts (the inbox's checkboxes).
  .post("/bulk", async (c) => {
    const b = await bodyInput(c, BulkAlertSchema, "bulk alert action");
    const action: AlertAction =
      b.action === "snooze"
        ? { kind: "snooze", ...snoozeSpec(b) }
        : b.action === "resolve"
          ? { kind: "resolve", notes: b.notes ?? null }
          : { kind: b.action };
    return c.json(await bulkChangeAlerts(c.var.ctx, b.alert_ids, action));
  })
  .put("/:id/acknowledge", async (c) => act(c, { kind: "acknowledge" }))
  .put("/:id/snooze", async (c) =>
    act(c, { kind: "snooze", ...snoozeSpec(await bodyInput(c, SnoozeSchema, "snooze")) }),
  )
  .put("/:id/dismiss", async (c) => act(c, { kind: "dismiss" }))
  .put("/:id/resolve", async (c) =>
    act(c, { kind: "resolve", notes: (await optionalBodyInput(c, ResolveSchema, "resolution")).notes ?? null }),
  );

export const clientAlertRoutes = new Hono<ApiEnv>().get("/:id/alerts", async (c) =>
  c.json(await getClientAlerts(c.var.db, c.var.user, clientIdParam(c.req.param("id")), listQuery(c), new Date())),
);

export const alertConfigRoutes = new Hono<ApiEnv>()
  .get("/alerts", async (c) => {
    onlyParams(c.req.queries(), ["client_id"]);
    const clientId = c.req.query("client_id");
    return c.json(await getAlertConfig(c.var.db, c.var.user, clientId ? clientIdParam(clientId) : null));
  })
  .put("/alerts", async (c) =>
    c.json(
      await putAlertConfig(
        c.var.db,
        c.var.user,
        await bodyInput(c, AlertSettingsBodySchema, "alert settings"),
        new Date(),
      ),
    ),
  );
