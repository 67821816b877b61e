import { can, canSeeClient, clientScopeFor } from "#worker/core/access-policy";
import { attentionPriority } from "#worker/core/attention-priority";
import {
  type Backtest,
  type ChurnModel,
  MAX_BUCKETS,
  NotEnoughHistory,
  trainWithBacktest,
  withRiskBands,
} from "#worker/core/churn/churn-model";
import { predictChurn, riskFactors, similarCases, topModelFactors } from "#worker/core/churn/churn-prediction";
import { CANDIDATE_LABELS } from "#worker/core/churn/model-selection";
import { RELATIVE_HIGH_SHARE, RELATIVE_MEDIUM_SHARE, riskCategory } from "#worker/core/churn/risk-bands";
import { addDays, daysBetween, isoDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import {
  clientsToScore,
  currentChurnModel,
  listChurnModelVersions,
  portfolioChurnRows,
  saveChurnModel,
  similarClientFacts,
  writeChurnScores,
} from "#worker/db/queries/churn";
import { loadChurnHistories } from "#worker/db/queries/churn-history";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope, deny } from "./client-access";

// Churn prediction as use cases: retrain (weekly cron, or a VP on demand), keep every active
// client's churn_risk_score and ai_risk_factors current (after each health recalculation), and
// answer the client, portfolio and model endpoints.

export const SCORE_BATCH = 100;

/**
 * Compare the candidates over time, train the winner on everything known today, set the book's
 * relative risk cut-offs from today's scores, store the version, then rescore every active client.
 */
export async function retrainChurnModel(
  db: Db,
  now: Date,
  trigger: "weekly" | "manual" | "seed",
  onStep?: (step: "read" | "train" | "score", ms: number) => void,
) {
  const anchor = isoDate(now);
  let t = performance.now();
  const step = (name: "read" | "train" | "score") => {
    const at = performance.now();
    onStep?.(name, at - t);
    t = at;
  };
  const histories = await loadChurnHistories(db, anchor, MAX_BUCKETS);
  step("read");
  let trained: { model: ChurnModel; backtest: Backtest | null };
  try {
    trained = trainWithBacktest(histories, anchor, now.toISOString());
  } catch (err) {
    if (err instanceof NotEnoughHistory) throw new AppError("UNPROCESSABLE", err.message);
    throw err;
  }
  const activeHistories = histories.filter((h) => !h.churned_at && h.health.has(0));
  const model = withRiskBands(
    trained.model,
    activeHistories.map((h) => predictChurn(trained.model, h, anchor).churn_risk_score),
  );
  const backtest = trained.backtest;
  step("train");
  const version = await saveChurnModel(db, model, backtest, trigger);
  const active = histories.filter((h) => !h.churned_at).map((h) => h.id);
  for (let i = 0; i < active.length; i += SCORE_BATCH)
    await scoreWithModel(db, model, active.slice(i, i + SCORE_BATCH), now);
  step("score");
  return {
    version,
    trained_at: model.trained_at,
    model: model.scorer.model.kind,
    training: model.training,
    backtest_auc: backtest?.next_renewal.auc ?? null,
    candidates: model.selection?.candidates ?? [],
    scored: active.length,
  };
}

/** Rescore these clients with the current model (after their health was recalculated). No model yet: nothing to do. */
export async function scoreChurnForClients(db: Db, clientIds: string[], now: Date): Promise<number> {
  if (clientIds.length === 0) return 0;
  const row = await currentChurnModel(db);
  if (!row) return 0;
  for (let i = 0; i < clientIds.length; i += SCORE_BATCH)
    await scoreWithModel(db, row.model, clientIds.slice(i, i + SCORE_BATCH), now);
  return clientIds.length;
}

async function scoreWithModel(db: Db, model: ChurnModel, ids: string[], now: Date) {
  const today = isoDate(now);
  const histories = await loadChurnHistories(db, today, 3, ids);
  const state = await clientsToScore(db, ids);
  const byId = new Map(histories.map((h) => [h.id, h]));
  const rows = state.flatMap((c) => {
    const h = byId.get(c.id);
    if (!h || !h.health.has(0)) return [];
    const p = predictChurn(model, h, today);
    const priority = attentionPriority({
      healthScore: c.score,
      trendChange: c.change,
      churnRisk: p.churn_risk_score,
      arr: c.arr,
      daysToRenewal: c.renewal ? daysBetween(today, c.renewal) : null,
    });
    return [{ id: c.id, score: p.churn_risk_score, category: p.risk_category, factors: riskFactors(p), priority }];
  });
  await writeChurnScores(db, rows, now.toISOString());
}

async function requireModel(db: Db) {
  const row = await currentChurnModel(db);
  if (!row)
    throw new AppError(
      "CONFLICT",
      "No churn model has been trained yet. It trains weekly; a VP or admin can train it now.",
      [{ action: "POST /api/v1/client-success/analytics/churn-model/train" }],
    );
  return row;
}

/** GET /clients/:id/churn-risk: probabilities, factors that explain them, similar past clients. */
export async function clientChurnRisk(db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const client = await clientInScope(db, user, clientId, { action: "read", resourceType: "client.churn_risk" });
  const row = await requireModel(db);
  const today = isoDate(now);
  const [history] = await loadChurnHistories(db, today, 3, [clientId]);
  if (client.account_status !== "ACTIVE" || !history?.health.has(0)) {
    throw new AppError(
      "UNPROCESSABLE",
      client.account_status !== "ACTIVE"
        ? "This client has churned: there is no renewal left to predict."
        : "This client has no health score today, so churn risk cannot be scored yet.",
    );
  }
  const p = predictChurn(row.model, history, today);
  const similar = await nameInScope(db, user, similarCases(row.model, history, today));
  await recordAudit(db, {
    user,
    action: "read",
    resourceType: "client.churn_risk",
    resourceId: clientId,
    outcome: "SUCCESS",
  });
  return {
    client_id: clientId,
    churn_risk_score: p.churn_risk_score,
    risk_category: p.risk_category,
    risk_category_reason: p.risk_category_reason,
    probability_next_renewal: p.probability_next_renewal,
    next_renewal_date: p.next_renewal_date,
    days_to_renewal: p.days_to_renewal,
    horizons: ([30, 60, 90] as const).map((d) => ({ days: d, probability: p.horizons[d] })),
    confidence: p.confidence,
    /** What raises this client's risk, in words; the same list as Client.ai_risk_factors. */
    drivers: p.drivers,
    /** The exact decomposition (for analysts): every factor group, whichever way it pushes. */
    factors: p.explanation.factors,
    explanation: {
      model: p.explanation.model,
      baseline_logit: p.explanation.baseline_logit,
      logit: p.explanation.logit,
      note: "baseline_logit + the factors' contributions = logit; probability = 1 / (1 + e^-logit)",
    },
    similar_clients: similar,
    model: {
      version: row.version,
      trained_at: row.trained_at,
      kind: row.model.scorer.model.kind,
      backtest_auc: row.backtest?.next_renewal.auc ?? null,
    },
  };
}

const describeClient = (tier: string | null, industry: string | null) => {
  const t = (tier ?? "other").toLowerCase();
  return `${/^[aeiou]/.test(t) ? "An" : "A"} ${t} client in ${industry ?? "another industry"}`;
};

/** Past clients outside the caller's scope are described, never named (as in benchmarks). */
async function nameInScope(db: Db, user: EthicoUserRow, cases: ReturnType<typeof similarCases>) {
  if (cases.length === 0) return [];
  const rows = await similarClientFacts(
    db,
    cases.map((c) => c.client_id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const scope = clientScopeFor(user);
  return cases.map((c) => {
    const r = byId.get(c.client_id);
    const visible = r ? canSeeClient(scope, { csm_user_id: r.csm, ae_user_id: r.ae }) : false;
    return {
      ...c,
      client_id: visible ? c.client_id : null,
      name: visible ? c.name : describeClient(r?.tier ?? null, r?.industry ?? null),
    };
  });
}

/** GET /analytics/churn-risk: the caller's book by risk category, and next quarter's expected churn. */
export async function portfolioChurnRisk(db: Db, user: EthicoUserRow, now: Date) {
  const row = await currentChurnModel(db);
  const today = isoDate(now);
  const quarterEnd = addDays(today, 90);
  const list = await portfolioChurnRows(db, { scope: clientScopeFor(user), csmId: null });
  const scored = list.filter((c) => c.score !== null);
  const bands = row?.model.risk_bands ?? null;
  const category = (c: { score: number | null; category: "LOW" | "MEDIUM" | "HIGH" | null }) =>
    c.category ?? riskCategory(c.score!, bands);
  const renewing = scored.filter((c) => c.renewal && c.renewal >= today && c.renewal <= quarterEnd);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  await recordAudit(db, { user, action: "read", resourceType: "analytics.churn_risk", outcome: "SUCCESS" });
  return {
    model: row ? { version: row.version, trained_at: row.trained_at } : null,
    /** How categories are decided: the PRD's bands, or the book's riskiest tenth / 30% (decision 014). */
    risk_bands: {
      high: "over 50%",
      medium: "20–50%",
      relative: bands
        ? {
            high_share: RELATIVE_HIGH_SHARE,
            high_from: bands.high_cut,
            medium_share: RELATIVE_MEDIUM_SHARE,
            medium_from: bands.medium_cut,
            as_of: bands.as_of,
          }
        : null,
    },
    clients: list.length,
    scored: scored.length,
    by_category: (["HIGH", "MEDIUM", "LOW"] as const).map((k) => {
      const inK = scored.filter((c) => category(c) === k);
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
      .map((c) => ({
        client_id: c.id,
        name: c.name,
        churn_risk_score: c.score,
        risk_category: category(c),
        annual_recurring_revenue: c.arr,
        next_renewal_date: c.renewal,
        days_to_renewal: c.renewal ? daysBetween(today, c.renewal) : null,
        risk_factors: c.factors,
      })),
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
    model: row.model.scorer.model.kind,
    algorithm: `${CANDIDATE_LABELS[row.model.scorer.model.kind]}${row.model.scorer.model.kind === "gradient_boosted_trees" ? ` (${row.model.scorer.model.rounds} trees of depth ≤ 3)` : ""}, calibrated by Platt scaling on out-of-fold scores; one row per client per 15 days in the 90 days before each renewal, each renewal weighted once`,
    selection: row.model.selection,
    calibration: row.model.scorer.platt,
    risk_bands: row.model.risk_bands,
    training: row.model.training,
    backtest: row.backtest,
    top_factors: topModelFactors(row.model, 10),
    versions: versions.map((v) => ({
      version: v.version,
      trained_at: v.trained_at,
      trigger: v.trigger,
      is_current: v.is_current,
      training_rows: v.training_rows,
      training_churns: v.training_churns,
      model: v.model_kind ?? "logistic_regression",
      backtest_auc: v.backtest?.next_renewal.auc ?? null,
      backtest_brier: v.backtest?.next_renewal.brier ?? null,
    })),
  };
}

/** POST /analytics/churn-model/train: VPs and admins retrain now (the weekly cron does the same). */
export async function trainChurnModelNow(db: Db, user: EthicoUserRow, now: Date) {
  if (!can(user.role, "churn_model.train"))
    await deny(
      db,
      user,
      { action: "train", resourceType: "churn_model" },
      "Only a VP of Client Success or an admin can retrain the churn model.",
    );
  const result = await retrainChurnModel(db, now, "manual");
  await recordAudit(db, {
    user,
    action: "train",
    resourceType: "churn_model",
    resourceId: `cm_${result.version}`,
    outcome: "SUCCESS",
  });
  return result;
}
