import { and, eq, inArray, sql } from "drizzle-orm";
import { canSeeClient, clientScopeFor } from "../core/access-policy";
import { attentionPriority } from "../core/attention-priority";
import { backtestChurnModel, MAX_BUCKETS, NotEnoughHistory, type Backtest, predictChurn, riskFactors, similarCases, topModelFactors, trainChurnModel, type ChurnModel } from "../core/churn/churn-model";
import { addDays, daysBetween, isoDate } from "../core/dates";
import { AppError } from "../core/errors";
import { churnRiskCategory } from "../core/health-bands";
import type { Db } from "../db/client";
import { loadChurnHistories } from "../db/queries/churn-history";
import { currentChurnModel, listChurnModelVersions, portfolioChurnRows, saveChurnModel, writeChurnScores } from "../db/queries/churn";
import type { EthicoUserRow } from "../db/queries/users";
import { clients } from "../db/schema";
import { recordAudit } from "./audit";
import { clientInScope, deny, SUPERVISOR_ROLES } from "./client-access";

// Churn prediction as use cases: retrain (weekly cron, or a VP on demand), keep every active
// client's churn_risk_score and ai_risk_factors current (after each health recalculation), and
// answer the client, portfolio and model endpoints.

export const SCORE_BATCH = 100;

/** Backtest, train on everything known today, store the version, then rescore every active client. */
export async function retrainChurnModel(db: Db, now: Date, trigger: "weekly" | "manual" | "seed") {
  const anchor = isoDate(now);
  const histories = await loadChurnHistories(db, anchor, MAX_BUCKETS);
  let model: ChurnModel;
  try {
    model = trainChurnModel(histories, anchor, now.toISOString());
  } catch (err) {
    if (err instanceof NotEnoughHistory) throw new AppError("UNPROCESSABLE", err.message);
    throw err;
  }
  // A backtest needs churns on both sides of its cutoff; a young portfolio may not have them yet.
  let backtest: Backtest | null = null;
  try {
    backtest = backtestChurnModel(histories, anchor);
  } catch (err) {
    if (!(err instanceof NotEnoughHistory)) throw err;
  }
  const version = await saveChurnModel(db, model, backtest, trigger);
  const active = histories.filter((h) => !h.churned_at).map((h) => h.id);
  for (let i = 0; i < active.length; i += SCORE_BATCH) await scoreWithModel(db, model, active.slice(i, i + SCORE_BATCH), now);
  return { version, trained_at: model.trained_at, training: model.training, backtest_auc: backtest?.next_renewal.auc ?? null, scored: active.length };
}

/** Rescore these clients with the current model (after their health was recalculated). No model yet: nothing to do. */
export async function scoreChurnForClients(db: Db, clientIds: string[], now: Date): Promise<number> {
  if (clientIds.length === 0) return 0;
  const row = await currentChurnModel(db);
  if (!row) return 0;
  for (let i = 0; i < clientIds.length; i += SCORE_BATCH) await scoreWithModel(db, row.model, clientIds.slice(i, i + SCORE_BATCH), now);
  return clientIds.length;
}

async function scoreWithModel(db: Db, model: ChurnModel, ids: string[], now: Date) {
  const today = isoDate(now);
  const histories = await loadChurnHistories(db, today, 3, ids);
  const state = await db
    .select({ id: clients.id, score: clients.current_health_score, change: clients.health_trend_change, arr: clients.annual_recurring_revenue, renewal: clients.next_renewal_date })
    .from(clients)
        // One JSON parameter, not one per id: D1 binds at most 100 parameters.
    .where(and(sql`${clients.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`, eq(clients.account_status, "ACTIVE")));
  const byId = new Map(histories.map((h) => [h.id, h]));
  const rows = state.flatMap((c) => {
    const h = byId.get(c.id);
    if (!h || !h.health.has(0)) return [];
    const p = predictChurn(model, h, today);
    const priority = attentionPriority({ healthScore: c.score, trendChange: c.change, churnRisk: p.churn_risk_score, arr: c.arr, daysToRenewal: c.renewal ? daysBetween(today, c.renewal) : null });
    return [{ id: c.id, score: p.churn_risk_score, factors: riskFactors(p), priority }];
  });
  await writeChurnScores(db, rows, now.toISOString());
}

async function requireModel(db: Db) {
  const row = await currentChurnModel(db);
  if (!row) throw new AppError("CONFLICT", "No churn model has been trained yet. It trains weekly; a VP or admin can train it now.", [{ action: "POST /api/v1/client-success/analytics/churn-model/train" }]);
  return row;
}

/** GET /clients/:id/churn-risk: probabilities, factors that explain them, similar past clients. */
export async function clientChurnRisk(db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const client = await clientInScope(db, user, clientId, { action: "read", resourceType: "client.churn_risk" });
  const row = await requireModel(db);
  const today = isoDate(now);
  const [history] = await loadChurnHistories(db, today, 3, [clientId]);
  if (client.account_status !== "ACTIVE" || !history?.health.has(0)) {
    throw new AppError("UNPROCESSABLE", client.account_status !== "ACTIVE" ? "This client has churned: there is no renewal left to predict." : "This client has no health score today, so churn risk cannot be scored yet.");
  }
  const p = predictChurn(row.model, history, today);
  const similar = await nameInScope(db, user, similarCases(row.model, history, today));
  await recordAudit(db, { user, action: "read", resourceType: "client.churn_risk", resourceId: clientId, outcome: "SUCCESS" });
  return {
    client_id: clientId,
    churn_risk_score: p.churn_risk_score,
    risk_category: p.risk_category,
    probability_next_renewal: p.probability_next_renewal,
    next_renewal_date: p.next_renewal_date,
    days_to_renewal: p.days_to_renewal,
    horizons: ([30, 60, 90] as const).map((d) => ({ days: d, probability: p.horizons[d] })),
    confidence: p.confidence,
    factors: p.explanation.factors,
    explanation: { baseline_logit: p.explanation.baseline_logit, logit: p.explanation.logit, note: "baseline_logit + the factors' contributions = logit; probability = 1 / (1 + e^-logit)" },
    similar_clients: similar,
    model: { version: row.version, trained_at: row.trained_at, backtest_auc: row.backtest?.next_renewal.auc ?? null },
  };
}

const describeClient = (tier: string | null, industry: string | null) => {
  const t = (tier ?? "other").toLowerCase();
  return `${/^[aeiou]/.test(t) ? "An" : "A"} ${t} client in ${industry ?? "another industry"}`;
};

/** Past clients outside the caller's scope are described, never named (as in benchmarks). */
async function nameInScope(db: Db, user: EthicoUserRow, cases: ReturnType<typeof similarCases>) {
  if (cases.length === 0) return [];
  const rows = await db.select({ id: clients.id, csm: clients.csm_user_id, ae: clients.ae_user_id, tier: clients.contract_tier, industry: clients.industry }).from(clients).where(inArray(clients.id, cases.map((c) => c.client_id)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const scope = clientScopeFor(user);
  return cases.map((c) => {
    const r = byId.get(c.client_id);
    const visible = r ? canSeeClient(scope, { csm_user_id: r.csm, ae_user_id: r.ae }) : false;
    return { ...c, client_id: visible ? c.client_id : null, name: visible ? c.name : describeClient(r?.tier ?? null, r?.industry ?? null) };
  });
}

/** GET /analytics/churn-risk: the caller's book by risk category, and next quarter's expected churn. */
export async function portfolioChurnRisk(db: Db, user: EthicoUserRow, now: Date) {
  const row = await currentChurnModel(db);
  const today = isoDate(now);
  const quarterEnd = addDays(today, 90);
  const list = await portfolioChurnRows(db, { scope: clientScopeFor(user), csmId: null });
  const scored = list.filter((c) => c.score !== null);
  const category = (s: number) => churnRiskCategory(s) ?? "LOW";
  const renewing = scored.filter((c) => c.renewal && c.renewal >= today && c.renewal <= quarterEnd);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  await recordAudit(db, { user, action: "read", resourceType: "analytics.churn_risk", outcome: "SUCCESS" });
  return {
    model: row ? { version: row.version, trained_at: row.trained_at } : null,
    clients: list.length,
    scored: scored.length,
    by_category: (["HIGH", "MEDIUM", "LOW"] as const).map((k) => {
      const inK = scored.filter((c) => category(c.score!) === k);
      return { category: k, clients: inK.length, arr: sum(inK.map((c) => c.arr ?? 0)) };
    }),
    // Expected churn = Σ P(not renewing) over the renewals that fall in the next 90 days.
    next_quarter: {
      from: today,
      to: quarterEnd,
      renewals: renewing.length,
      arr_renewing: sum(renewing.map((c) => c.arr ?? 0)),
      expected_churn_clients: Math.round(100 * sum(renewing.map((c) => c.score! / 100))) / 100,
      expected_churn_arr: Math.round(sum(renewing.map((c) => ((c.arr ?? 0) * c.score!) / 100))),
    },
    highest_risk: scored
      .sort((a, b) => b.score! - a.score! || (b.arr ?? 0) - (a.arr ?? 0))
      .slice(0, 10)
      .map((c) => ({ client_id: c.id, name: c.name, churn_risk_score: c.score, risk_category: category(c.score!), annual_recurring_revenue: c.arr, next_renewal_date: c.renewal, days_to_renewal: c.renewal ? daysBetween(today, c.renewal) : null, risk_factors: c.factors })),
  };
}

/** GET /analytics/churn-model: the current version, its backtest and factors, and the history of versions. */
export async function churnModelReport(db: Db) {
  const row = await requireModel(db);
  const versions = await listChurnModelVersions(db);
  return {
    version: row.version,
    trained_at: row.trained_at,
    trained_on_data_to: row.anchor_date,
    trigger: row.trigger,
    algorithm: "L2-regularised logistic regression (Newton's method), one row per client per 15 days in the 90 days before each renewal, each renewal weighted once",
    training: row.model.training,
    backtest: row.backtest,
    top_factors: topModelFactors(row.model, 10),
    versions: versions.map((v) => ({ version: v.version, trained_at: v.trained_at, trigger: v.trigger, is_current: v.is_current, training_rows: v.training_rows, training_churns: v.training_churns, backtest_auc: v.backtest?.next_renewal.auc ?? null, backtest_brier: v.backtest?.next_renewal.brier ?? null })),
  };
}

/** POST /analytics/churn-model/train: VPs and admins retrain now (the weekly cron does the same). */
export async function trainChurnModelNow(db: Db, user: EthicoUserRow, now: Date) {
  if (!SUPERVISOR_ROLES.includes(user.role)) await deny(db, user, { action: "train", resourceType: "churn_model" }, "Only a VP of Client Success or an admin can retrain the churn model.");
  const result = await retrainChurnModel(db, now, "manual");
  await recordAudit(db, { user, action: "train", resourceType: "churn_model", resourceId: `cm_${result.version}`, outcome: "SUCCESS" });
  return result;
}
