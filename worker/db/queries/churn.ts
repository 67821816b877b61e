import { and, desc, eq, inArray, sql } from "drizzle-orm";

import { type Backtest, type ChurnModel, upgradeModel } from "#worker/core/churn/churn-model";
import type { RiskFactor } from "#worker/core/types";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";
import { churnModels } from "#worker/db/tables/churn";
import { clients } from "#worker/db/tables/clients";

import { type AnalyticsScope, scopeSql } from "./portfolio-analytics";

export type ChurnModelRow = typeof churnModels.$inferSelect;

export async function currentChurnModel(db: Db): Promise<ChurnModelRow | null> {
  const [row] = await db.select().from(churnModels).where(eq(churnModels.is_current, true)).limit(1);
  // A version stored before model selection is read in today's shape (it was a plain LR).
  return row ? { ...row, model: upgradeModel(row.model) } : null;
}

/** Model versions, newest first, without the (large) coefficients and reference cases. */
export async function listChurnModelVersions(db: Db, limit = 20) {
  return db
    .select({
      version: churnModels.version,
      trained_at: churnModels.trained_at,
      anchor_date: churnModels.anchor_date,
      backtest: churnModels.backtest,
      training_rows: churnModels.training_rows,
      training_churns: churnModels.training_churns,
      is_current: churnModels.is_current,
      trigger: churnModels.trigger,
      model_kind: sql<string | null>`json_extract(${churnModels.model}, '$.scorer.model.kind')`,
    })
    .from(churnModels)
    .orderBy(desc(churnModels.version))
    .limit(limit);
}

/** Store a new version and make it the current one, in one transaction. */
export async function saveChurnModel(
  db: Db,
  model: ChurnModel,
  backtest: Backtest | null,
  trigger: string,
): Promise<number> {
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${churnModels.version}), 0) + 1` })
    .from(churnModels);
  await db.batch([
    db.update(churnModels).set({ is_current: false }).where(eq(churnModels.is_current, true)),
    db.insert(churnModels).values({
      id: `cm_${next}`,
      version: next,
      trained_at: model.trained_at,
      anchor_date: model.anchor,
      model,
      backtest,
      training_rows: model.training.rows,
      training_churns: model.training.churned,
      is_current: true,
      trigger,
    }),
  ]);
  return next;
}

export interface ChurnScoreWrite {
  id: string;
  score: number;
  category: "LOW" | "MEDIUM" | "HIGH";
  factors: RiskFactor[];
  priority: number;
}

/** Write scores, factors and the attention priority that depends on them; rows that do not change are not touched. */
export async function writeChurnScores(db: Db, rows: ChurnScoreWrite[], stamp: string): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows.map((r) => ({ ...r, factors: JSON.stringify(r.factors) })));
  await rawBatch(db, [
    sql`UPDATE clients SET churn_risk_score = n.score, churn_risk_category = n.category, ai_risk_factors = n.factors, attention_priority = n.priority, updated_at = ${stamp}
      FROM (SELECT j.value ->> '$.id' AS id, j.value ->> '$.score' AS score, j.value ->> '$.category' AS category, j.value ->> '$.factors' AS factors, j.value ->> '$.priority' AS priority
            FROM json_each(${payload}) AS j) AS n
      WHERE clients.id = n.id AND (clients.churn_risk_score IS NOT n.score OR clients.churn_risk_category IS NOT n.category OR clients.ai_risk_factors IS NOT n.factors OR clients.attention_priority IS NOT n.priority)`,
  ]);
}

/** Active clients in the caller's scope with their stored churn score and factors (one query). */
export async function portfolioChurnRows(db: Db, scope: AnalyticsScope) {
  const [rows] = await rawBatch(db, [
    sql`SELECT c.id, c.name, c.churn_risk_score AS score, c.churn_risk_category AS category, c.annual_recurring_revenue AS arr, c.next_renewal_date AS renewal, c.ai_risk_factors AS factors
        FROM clients c WHERE c.account_status = 'ACTIVE' AND ${scopeSql(scope)}`,
  ]);
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    score: r.score === null ? null : Number(r.score),
    category: (r.category as "LOW" | "MEDIUM" | "HIGH" | null) ?? null,
    arr: r.arr === null ? null : Number(r.arr),
    renewal: (r.renewal as string | null) ?? null,
    factors: r.factors ? (JSON.parse(String(r.factors)) as RiskFactor[]) : [],
  }));
}

/** What scoring needs of these clients beside their history: today's health, ARR and renewal. Active ones only. */
export async function clientsToScore(db: Db, ids: string[]) {
  return (
    db
      .select({
        id: clients.id,
        score: clients.current_health_score,
        change: clients.health_trend_change,
        arr: clients.annual_recurring_revenue,
        renewal: clients.next_renewal_date,
      })
      .from(clients)
      // One JSON parameter, not one per id: D1 binds at most 100 parameters.
      .where(
        and(
          sql`${clients.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
          eq(clients.account_status, "ACTIVE"),
        ),
      )
  );
}

/** Owner, tier and industry of past similar clients (to name them only when in scope). */
export async function similarClientFacts(db: Db, ids: string[]) {
  return db
    .select({
      id: clients.id,
      csm: clients.csm_user_id,
      ae: clients.ae_user_id,
      tier: clients.contract_tier,
      industry: clients.industry,
    })
    .from(clients)
    .where(inArray(clients.id, ids));
}
