import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";

import worker from "#worker/index";

/** Trains the churn model the way production does (the weekly cron), so answers can speak of churn risk. */
export async function trainChurnModelByCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "0 4 * * 1", scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}
