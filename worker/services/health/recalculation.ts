import { attentionPriority } from "#worker/core/attention-priority";
import { daysBetween, isoDate } from "#worker/core/dates";
import { featureAdoption } from "#worker/core/feature-adoption";
import { resolveHealthConfig } from "#worker/core/health/config";
import { evaluateHealth, type HealthEvaluation } from "#worker/core/health/engine";
import type { Db } from "#worker/db/client";
import { loadHealthBatch } from "#worker/db/queries/health-inputs";
import { rankAllAdoptionPercentiles, writeRecalculation } from "#worker/db/queries/health-recalc";
import { refreshHealthRollup } from "#worker/db/queries/health-rollup";
import { evaluateAlerts } from "#worker/services/alerts/evaluate-alerts";
import { scoreChurnForClients } from "#worker/services/churn";

// Recalculates clients' health for today: one D1 batch to read, one to write. Writing is an
// upsert of today's snapshot and the client's current state, so running it twice in the same
// hour (or redelivering a queue message) changes nothing.

export const RECALC_BATCH_SIZE = 100;

export interface RecalcResult {
  clientId: string;
  evaluation: HealthEvaluation;
}

/**
 * `portfolioWide: false` leaves the two steps that read the whole portfolio, adoption
 * percentiles (rankAdoptionPercentiles) and the day's rollup (refreshHealthRollup), to the
 * caller, who runs them once for many calls: the queue consumer does so once per delivered batch.
 */
export async function recalculateClients(
  db: Db,
  clientIds: string[],
  now: Date,
  opts: { portfolioWide?: boolean } = {},
): Promise<RecalcResult[]> {
  const portfolioWide = opts.portfolioWide ?? true;
  const results: RecalcResult[] = [];
  // Adoption percentiles rank each client within its whole tier cohort, so computing them costs
  // the same for one batch as for all: with several batches they are ranked once, at the end.
  const several = clientIds.length > RECALC_BATCH_SIZE;
  for (let i = 0; i < clientIds.length; i += RECALC_BATCH_SIZE) {
    results.push(
      ...(await recalculateBatch(db, clientIds.slice(i, i + RECALC_BATCH_SIZE), now, portfolioWide && !several)),
    );
  }
  if (portfolioWide && several) await rankAdoptionPercentiles(db);
  // The day's portfolio rollup follows its snapshots (trend charts and comparisons read it).
  if (clientIds.length && portfolioWide) await refreshHealthRollup(db, [isoDate(now)]);
  // Churn risk reads today's snapshot, so it follows every recalculation and stays current.
  await scoreChurnForClients(db, clientIds, now);
  // Alerts read the fresh scores and churn risk, so they follow every recalculation too.
  await evaluateAlerts(db, clientIds, now);
  return results;
}

async function recalculateBatch(db: Db, ids: string[], now: Date, withPercentiles: boolean): Promise<RecalcResult[]> {
  const today = isoDate(now);
  const stamp = now.toISOString();
  const data = await loadHealthBatch(db, ids, today);
  const results: RecalcResult[] = [];
  const snapshots: Record<string, unknown>[] = [];
  const states: Record<string, unknown>[] = [];
  for (const client of data.clients) {
    const config = resolveHealthConfig(data.configs, client);
    const evaluation = evaluateHealth(data.inputs.get(client.id)!, config, data.score30DaysAgo.get(client.id) ?? null);
    results.push({ clientId: client.id, evaluation });
    const { overall, status, trend, trendChange, components: c } = evaluation;
    if (overall !== null) {
      snapshots.push({
        id: `hs_${client.id}_${today}`,
        client_id: client.id,
        overall,
        usage: c.usage.score,
        adoption: c.adoption.score,
        support: c.support.score,
        relationship: c.relationship.score,
        contract: c.contract.score,
        outcome: c.outcome.score,
        version: config.id ?? "built-in",
        weights: JSON.stringify(config.weights),
        events: JSON.stringify(data.events.get(client.id) ?? []),
        details: JSON.stringify(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.detail]))),
      });
    }
    const priority = attentionPriority({
      healthScore: overall,
      trendChange,
      churnRisk: client.churn_risk_score,
      arr: client.annual_recurring_revenue,
      daysToRenewal: client.next_renewal_date ? daysBetween(today, client.next_renewal_date) : null,
    });
    states.push({ id: client.id, score: overall, status, trend, change: trendChange, priority });
  }
  // A handful of set-based statements per batch, whatever its size, in one D1 batch
  // (db/queries/health-recalc.ts): statement count, not row count, is what a batch pays for.
  const adoption = data.clients.flatMap((c) =>
    featureAdoption(c.contract_tier, data.featureWindows.get(c.id) ?? {}).map((f) => ({ client_id: c.id, ...f })),
  );
  await writeRecalculation(db, today, stamp, {
    snapshots,
    states,
    adoption,
    percentilesFor: withPercentiles && data.clients.length ? data.clients.map((c) => c.id) : undefined,
  });
  return results;
}

/** Every client's adoption percentiles, ranked in one statement (after many recalculations). */
export async function rankAdoptionPercentiles(db: Db): Promise<void> {
  await rankAllAdoptionPercentiles(db);
}
