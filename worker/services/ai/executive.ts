import {
  type ExecutiveFacts,
  localExecutiveNarrative,
  type Mover,
  pickMovers,
} from "#worker/core/ai/executive-narrative";
import { measureOf, type PlanRow, runListPlan } from "#worker/core/ai/plan-exec";
import { type AggregatePlan, emptyListPlan } from "#worker/core/ai/query-plan";
import { addDays, isoDate } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { planRows } from "./plan-runner";
import { type AiEnv, generateText } from "./provider";

// The executive page's forecast and narrative: next quarter's predicted churn (Σ of the churn
// model's probabilities over the renewals in the next 90 days, with a Poisson-binomial interval,
// the same figures as GET /analytics/churn-risk) and a narrative naming the clients and drivers
// behind the change since last period. Rows come from the list API's query (plan-runner), so the
// page and the assistant agree.

const BOOK = (csmId: string | null) => ({ csm_id: csmId, csm_name: null });

export async function executiveBrief(
  env: AiEnv,
  db: Db,
  user: EthicoUserRow,
  q: { csm_id?: string | null },
  now: Date,
) {
  const today = isoDate(now);
  const csmId = q.csm_id ?? null;
  const window = {
    ...emptyListPlan(),
    book: BOOK(csmId),
    conditions: [{ metric: "health_change" as const, op: "lte" as const, value: 100, window_days: 30 }],
  };
  const rows = await planRows(db, user, window, today);
  const forecastPlan: AggregatePlan = {
    kind: "aggregate",
    book: BOOK(csmId),
    categories: [],
    conditions: [],
    measure: "expected_churn",
    group_by: null,
    order: "desc",
    limit: null,
  };
  const forecast = measureOf(rows, forecastPlan, today).forecast!;
  const moved: Mover[] = runListPlan(rows, window, today).rows.map((r: PlanRow) => ({
    id: r.id,
    name: r.name,
    from: r.health_then!,
    to: r.health!,
    change: r.health! - r.health_then!,
    arr: r.arr,
    status: r.health_status,
    driver: r.primary_driver,
  }));
  const { decliners, improvers } = pickMovers(moved);
  const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  const scored = rows.filter((r) => r.health !== null);
  const facts: ExecutiveFacts = {
    scope: csmId ? (rows.find((r) => r.csm_id === csmId)?.csm_name ?? "this CSM") + "'s portfolio" : "the portfolio",
    period: { from: addDays(today, -30), to: today },
    avg_health: {
      now: avg(scored.map((r) => r.health!)),
      then: avg(rows.filter((r) => r.health_then !== null).map((r) => r.health_then!)),
    },
    at_risk: {
      now: rows.filter((r) => r.health_status === "AT_RISK" || r.health_status === "CRITICAL").length,
      then: rows.some((r) => r.health_then !== null)
        ? rows.filter((r) => r.health_then !== null && r.health_then < 60).length
        : null,
    },
    arr_at_risk: rows
      .filter((r) => r.health_status === "AT_RISK" || r.health_status === "CRITICAL")
      .reduce((a, r) => a + (r.arr ?? 0), 0),
    decliners,
    improvers,
    newly_at_risk: moved
      .filter((m) => m.from >= 60 && m.to < 60)
      .sort((a, b) => a.change - b.change)
      .map((m) => m.name),
    forecast,
  };
  const narrative = await generateText(env, db, user, {
    purpose: "executive_narrative",
    clientId: null,
    instructions:
      "Write a four-to-six sentence executive summary of this client portfolio for a VP of Client Success: what changed since the start of the period, naming the clients and drivers behind the change, then next quarter's predicted churn with its range. Use only these facts and their numbers.",
    facts,
    local: () => localExecutiveNarrative(facts),
    maxTokens: 500,
  });
  return {
    as_of: today,
    csm_id: csmId,
    forecast,
    facts,
    narrative: {
      text: narrative.text,
      provider: narrative.provider,
      model: narrative.model,
      note: narrative.note,
      interaction_id: narrative.interaction_id,
    },
  };
}
