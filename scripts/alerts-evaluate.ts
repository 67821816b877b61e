import { parseArgs } from "node:util";

import { eq, sql } from "drizzle-orm";
import { getPlatformProxy } from "wrangler";

import { getDb } from "#worker/db/client";
import { clientAlerts, clients } from "#worker/db/schema";
import { evaluateAlerts } from "#worker/services/alerts/evaluate-alerts";

// npm run alerts:evaluate -- [--if-empty] [--state DIR]
// Runs the alert rules over every active client of the local D1 (what every recalculation does).
// `npm start` runs it with --if-empty after seeding, so the demo opens with its alerts. These
// describe the seeded past, so they count as already streamed and delivered: nobody is emailed.

const { values } = parseArgs({ options: { "if-empty": { type: "boolean" }, state: { type: "string" } }, strict: true });
const proxy = await getPlatformProxy<Env>({
  environment: "local",
  ...(values.state ? { persist: { path: `${values.state}/v3` } } : {}),
});
try {
  const db = getDb(proxy.env.DB);
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(clientAlerts);
  if (values["if-empty"] && n > 0) {
    console.log(`alerts: ${n} alerts exist already; leaving them.`);
  } else {
    const started = performance.now();
    const ids = (await db.select({ id: clients.id }).from(clients).where(eq(clients.account_status, "ACTIVE"))).map(
      (r) => r.id,
    );
    const r = await evaluateAlerts(db, ids, new Date());
    await db.update(clientAlerts).set({ stream_pending: false, delivery_pending: false });
    console.log(
      `alerts: ${r.created} raised, ${r.resolved} resolved over ${ids.length} clients in ${Math.round(performance.now() - started)} ms`,
    );
  }
} finally {
  await proxy.dispose();
}
