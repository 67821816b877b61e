import { CRM_PROVIDERS } from "#worker/core/crm/field-mapping";
import { getDb } from "#worker/db/client";
import { CrmCallError } from "#worker/integrations/crm-http";
import { pullFromCrm } from "#worker/services/crm/pull";
import { enqueueCrmPushes } from "#worker/services/crm/sync";
import { log } from "#worker/services/observability/log";
import { metricSink, recordMetric } from "#worker/services/observability/metrics";

/**
 * The hourly cron's CRM pull, one connection after the other. A CRM that fails is recorded on
 * its connection (GET /sync/status, the client page's stale notice) and read again next hour;
 * it never stops the other connection or the recalculation.
 */
export async function runCrmPulls(env: Env): Promise<void> {
  const db = getDb(env.DB);
  for (const provider of CRM_PROVIDERS) {
    try {
      const r = await pullFromCrm(env, db, provider, new Date());
      if (r?.repush.length) await enqueueCrmPushes(env, db, r.repush);
    } catch (err) {
      if (err instanceof CrmCallError)
        log.warn(`CRM pull from ${provider} failed; it reads the same window next hour`, {
          provider,
          reason: err.message,
        });
      else log.error(`CRM pull from ${provider} crashed`, { provider, error: err });
      await recordMetric(metricSink(env, db), "crm_failure", 1, `${provider}:pull`);
    }
  }
}
