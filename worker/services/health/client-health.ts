import { toCsv } from "#worker/core/csv";
import { addDays, isoDate } from "#worker/core/dates";
import { churnRiskCategory } from "#worker/core/health/bands";
import { resolveHealthConfig } from "#worker/core/health/config";
import { componentStatus } from "#worker/core/health/engine";
import { COMPONENT_KEYS } from "#worker/core/health/explain";
import type { Db } from "#worker/db/client";
import { loadActiveConfigs } from "#worker/db/queries/health-inputs";
import { cohortStanding, latestSnapshot, snapshotsSince } from "#worker/db/queries/health-read";
import type { EthicoUserRow } from "#worker/db/queries/users";
import type { RequestContext } from "#worker/request-context";
import { freshenSummary } from "#worker/services/ai/client-ai";
import { recordAudit } from "#worker/services/audit";
import { clientInScope } from "#worker/services/client-access";
import { afterClientChange } from "#worker/services/client-changed";

import { healthChangeSinceYesterday } from "./change";
import { recalculateClients } from "./recalculation";

// The client's health as the detail views and the API show it, from the stored snapshots.

const healthClient = (db: Db, user: EthicoUserRow, clientId: string, action: string) =>
  clientInScope(db, user, clientId, { action, resourceType: "client_health" });

export async function getClientHealth(db: Db, user: EthicoUserRow, clientId: string, now: Date = new Date()) {
  const client = await healthClient(db, user, clientId, "read");
  const snapshot = await latestSnapshot(db, client.id);
  const config = resolveHealthConfig(await loadActiveConfigs(db), client);
  const weights = snapshot?.weights_snapshot ?? config.weights;
  const details = snapshot?.component_details ?? {};
  const score = (k: (typeof COMPONENT_KEYS)[number]) => (snapshot ? snapshot[`${k}_score`] : null);
  const components = Object.fromEntries(
    COMPONENT_KEYS.map((k) => [
      k,
      { score: score(k), weight: weights[k], status: componentStatus(score(k)), detail: details[k] ?? null },
    ]),
  );
  const standing =
    client.current_health_score === null
      ? null
      : await cohortStanding(db, client.current_health_score, {
          tier: client.contract_tier,
          industry: client.industry,
        });
  const sinceYesterday = await healthChangeSinceYesterday(db, client.id, now);
  // The AI analysis beside these figures is rewritten first if they moved since it was written.
  const fresh = await freshenSummary(
    db,
    user,
    { ...client, churn_risk_category: churnRiskCategory(client.churn_risk_score) },
    now,
  );
  await recordAudit(db, {
    user,
    action: "read",
    resourceType: "client_health",
    resourceId: client.id,
    outcome: "SUCCESS",
  });
  return {
    client_id: client.id,
    date: snapshot?.date ?? null,
    overall_score: client.current_health_score,
    health_status: client.health_status,
    health_trend: client.health_trend,
    trend_change: client.health_trend_change,
    trend_period: "30 days",
    components,
    notable_events: snapshot?.notable_events ?? [],
    // What moved the score since yesterday, component by component, with both days' reasons.
    since_yesterday: sinceYesterday,
    config: { id: config.id, version: config.version, scope: config.scope, thresholds: config.thresholds },
    benchmarks: {
      tier_average: standing?.tier?.average ?? null,
      tier_percentile: standing?.tier?.percentile ?? null,
      industry_average: standing?.industry?.average ?? null,
      industry_percentile: standing?.industry?.percentile ?? null,
    },
    ai_analysis: fresh.rewritten?.summary ?? client.ai_summary,
    ai_recommended_actions: fresh.rewritten?.recommended_actions ?? client.ai_recommended_actions ?? [],
  };
}

export async function getHealthHistory(db: Db, user: EthicoUserRow, clientId: string, days: number, now: Date) {
  const client = await healthClient(db, user, clientId, "read_history");
  const rows = await snapshotsSince(db, client.id, addDays(isoDate(now), -(days - 1)));
  await recordAudit(db, {
    user,
    action: "read_history",
    resourceType: "client_health",
    resourceId: client.id,
    outcome: "SUCCESS",
    details: { days },
  });
  return {
    client_id: client.id,
    days,
    data: rows.map((r) => ({
      date: r.date,
      overall_score: r.overall_score,
      components: Object.fromEntries(COMPONENT_KEYS.map((k) => [k, r[`${k}_score`]])),
      details: r.component_details,
      weights_version: r.weights_version,
      notable_events: r.notable_events,
    })),
  };
}

/** The trend export: one row per day, overall and component scores, with the weights used. */
export function healthHistoryCsv(h: Awaited<ReturnType<typeof getHealthHistory>>): string {
  const rows = h.data.map((d) => ({
    date: d.date,
    overall_score: d.overall_score,
    ...d.components,
    weights_version: d.weights_version,
    notable_events: d.notable_events.join("; "),
  }));
  return toCsv(
    ["date", "overall_score", ...COMPONENT_KEYS, "weights_version", "notable_events"] as const,
    rows as never,
  );
}

/** Re-scores one client now; its new alerts and scores then go out to the tabs and the CRMs. */
export async function refreshClientHealth(ctx: RequestContext, clientId: string) {
  const { db, user, now } = ctx;
  const client = await healthClient(db, user, clientId, "refresh");
  await recalculateClients(db, [client.id], now);
  await recordAudit(db, {
    user,
    action: "refresh",
    resourceType: "client_health",
    resourceId: client.id,
    outcome: "SUCCESS",
  });
  const health = await getClientHealth(db, user, client.id, now);
  afterClientChange(ctx, [clientId]);
  return health;
}
