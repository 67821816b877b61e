import type { Db } from "../db/client";
import { dispatchAlerts } from "./alerts/dispatch-alerts";
import { enqueueCrmPushes } from "./crm/sync";

/**
 * After a user changed clients (logged an activity, refreshed health): new or acknowledged
 * alerts go out to every open tab, and the changed health data and activities to the CRMs.
 * Run through waitUntil, so the user's answer never waits on either.
 */
export function afterClientChange(env: Env, db: Db, clientIds: string[], now: Date): Promise<unknown> {
  return Promise.all([dispatchAlerts(env, db, now), enqueueCrmPushes(env, db, clientIds)]);
}
