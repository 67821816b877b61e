import type { Db } from "#worker/db/client";
import type { AppContext } from "#worker/request-context";

import { dispatchAlerts } from "./alerts/dispatch-alerts";
import { enqueueCrmPushes } from "./crm/sync";
import { log } from "./observability/log";

// What follows a change to clients: new or acknowledged alerts go out to every open tab (and to
// email and Slack), and the changed health data and activities to the CRMs. The service that made
// the change schedules it; a request's answer never waits on it.

/** After a user changed clients (logged an activity, refreshed health): the follow-ups, deferred. */
export function afterClientChange(ctx: AppContext, clientIds: string[]): void {
  ctx.defer(
    Promise.all([dispatchAlerts(ctx.env, ctx.db, ctx.now), enqueueCrmPushes(ctx.env, ctx.db, clientIds)]),
    "follow-up:client-changed",
  );
}

// Queue consumers and the cron run the same follow-ups inline, each on its own: a failure is
// logged and left for the next run, and never fails (or retries) the work that came before it.

/** New alerts go to the live streams and delivery now; if that fails they stay flagged for the next run. */
export async function dispatchAlertsOrLeaveForCron(env: Env, db: Db): Promise<void> {
  try {
    await dispatchAlerts(env, db, new Date());
  } catch (err) {
    log.error("Dispatching alerts failed; they stay flagged for the next dispatch", { error: err });
  }
}

/** Changed scores go to the CRM through its queue; a failure here never fails the recalculation. */
export async function queueCrmPushesOrLog(env: Env, db: Db, clientIds: string[]): Promise<void> {
  if (clientIds.length === 0) return;
  try {
    await enqueueCrmPushes(env, db, clientIds);
  } catch (err) {
    log.error("Queueing CRM pushes failed; the next full sync or recalculation sends them", { error: err });
  }
}
