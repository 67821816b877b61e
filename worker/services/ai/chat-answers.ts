import { clientScopeFor } from "#worker/core/access-policy";
import {
  activityAnswer,
  activityResults,
  cannotAnswer,
  expansionAnswer,
  type ExpansionResult,
  helpAnswer,
  OFFER_DRAFTS,
} from "#worker/core/ai/chat-answers";
import { emptyFilter } from "#worker/core/ai/chat-filters";
import type { ChatIntent, ClientRef, ConversationState } from "#worker/core/ai/chat-intent-parser";
import { expansionSignals } from "#worker/core/ai/expansion-signals";
import { narrateSummary } from "#worker/core/ai/narrator";
import { cannotPlanAnswer } from "#worker/core/ai/plan-answers";
import { addDays, isoDate } from "#worker/core/dates";
import { COMPONENT_KEYS } from "#worker/core/health/explain";
import type { Db } from "#worker/db/client";
import { activitiesBy, componentScoresThenAndNow, expansionInputs } from "#worker/db/queries/chat-search";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { clientBenchmark } from "#worker/services/benchmarks";

import { aiEmailDraft, clientFacts } from "./client-ai";
import { answerAggregatePlan, answerListPlan, answerLookupPlan } from "./plan-runner";
import type { AiEnv } from "./provider";

// Each chat intent answered by the app's own query services: the answer's words and its
// structured results (client ids and figures the UI shows as links and tables) come from the
// same rows, and the new conversation state says what a follow-up may refer to.

export type ChatResult = Record<string, unknown> & { client_id: string | null; name: string };
export interface IntentAnswer {
  answer: string;
  results: ChatResult[];
  state: ConversationState;
  total?: number;
  provider_note?: string | null;
}

const MAX_RESULTS = 25;

const state = (intent: ChatIntent, over: Partial<ConversationState>): ConversationState => ({
  last_intent: intent.kind,
  filter: null,
  plan: null,
  result_ids: [],
  focus_client_id: null,
  offered: null,
  ...over,
});

export async function answerIntent(
  env: AiEnv,
  db: Db,
  user: EthicoUserRow,
  intent: ChatIntent,
  now: Date,
): Promise<IntentAnswer> {
  const today = isoDate(now);
  const scope = clientScopeFor(user);
  switch (intent.kind) {
    case "list_clients": {
      const { answer, results, total } = await answerListPlan(db, user, intent.plan, now);
      const atRisk = intent.plan.categories.some(
        (c) => c.field === "health_status" && !c.negate && (c.values as string[]).includes("AT_RISK"),
      );
      const offer =
        results.length > 0 &&
        (atRisk ||
          intent.plan.conditions.some(
            (c) => c.metric === "health_change" || c.metric === "churn_risk" || c.metric === "days_since_contact",
          ));
      return {
        answer: answer + (offer ? `\n\n${OFFER_DRAFTS}` : ""),
        results,
        total,
        state: state(intent, {
          plan: intent.plan,
          result_ids: results.map((r) => r.client_id),
          offered: offer ? "email_drafts" : null,
        }),
      };
    }
    case "aggregate": {
      const { answer, results } = await answerAggregatePlan(db, user, intent.plan, now);
      return { answer, results, state: state(intent, {}) };
    }
    case "lookup": {
      const { answer, results } = await answerLookupPlan(db, user, intent.plan, now);
      return {
        answer,
        results,
        state: state(intent, {
          result_ids: results.map((r) => r.client_id),
          focus_client_id: results.length === 1 ? results[0].client_id : null,
        }),
      };
    }
    case "cannot_plan":
      return { answer: cannotPlanAnswer(intent.what, intent.nearest), results: [], state: state(intent, {}) };
    case "expansion": {
      const filter = intent.client ? emptyFilter() : intent.filter;
      const rows = (await expansionInputs(db, scope, filter, today)).filter(
        (r) => !intent.client || r.id === intent.client.id,
      );
      const assessed: ExpansionResult[] = rows
        .map((r) => ({
          r,
          a: expansionSignals({
            health: r.current_health_score,
            trendChange: r.health_trend_change,
            churnRisk: r.churn_risk_score,
            activeUsers: r.active_users,
            licensedUsers: r.licensed_user_count,
            adoption: r.adoption,
            latestNps: r.latest_nps,
            licensedModules: r.licensed_modules,
          }),
        }))
        .filter(({ a }) => a.ready)
        .sort(
          (x, y) => y.a.score - x.a.score || (y.r.annual_recurring_revenue ?? 0) - (x.r.annual_recurring_revenue ?? 0),
        )
        .slice(0, filter.limit ?? MAX_RESULTS)
        .map(({ r, a }) => ({
          client_id: r.id,
          name: r.name,
          arr: r.annual_recurring_revenue,
          health_score: r.current_health_score,
          expansion_score: a.score,
          signals: a.signals,
          unlicensed_modules: a.unlicensed_modules,
        }));
      return {
        answer: expansionAnswer(assessed, filter, intent.client?.name ?? null),
        results: assessed,
        state: state(intent, {
          filter,
          result_ids: assessed.map((r) => r.client_id),
          focus_client_id: intent.client?.id ?? null,
        }),
      };
    }
    case "client_status": {
      const facts = await clientFacts(db, user, intent.client.id, now);
      const result = {
        client_id: intent.client.id,
        name: facts.client,
        health_score: facts.health.score,
        health_status: facts.health.status,
        health_change: facts.health.change_30d,
        churn_risk: facts.churn?.risk_pct ?? null,
        arr: facts.arr,
        days_to_renewal: facts.days_to_renewal,
        last_contact_days: facts.engagement.last_csm_contact_days,
      };
      return {
        answer: narrateSummary(facts),
        results: [result],
        state: state(intent, { result_ids: [intent.client.id], focus_client_id: intent.client.id }),
      };
    }
    case "health_drivers":
      return healthDrivers(db, user, intent, now);
    case "compare":
      return compareClient(db, user, intent, now);
    case "my_activity": {
      const rows = await activitiesBy(db, scope, user.id, intent.period.from, intent.period.to);
      const results = activityResults(rows);
      return {
        answer: activityAnswer(intent.period, rows, results, today),
        results,
        state: state(intent, { result_ids: results.map((r) => r.client_id) }),
      };
    }
    case "email_draft": {
      const drafts: ChatResult[] = [];
      for (const c of intent.clients) {
        const d = await aiEmailDraft(env, db, user, c.id, now);
        drafts.push({
          client_id: c.id,
          name: c.name,
          to: d.to,
          subject: d.subject,
          body: d.body,
          provider: d.provider,
        });
      }
      const answer =
        drafts.length === 1
          ? `Here is a draft for ${drafts[0].name}${drafts[0].to ? ` to ${(drafts[0].to as { name: string }).name}` : ""}, subject "${drafts[0].subject}". It is below, ready to copy or open in your email.`
          : `I drafted ${drafts.length} outreach emails: ${drafts.map((d) => `${d.name}${d.to ? ` (to ${(d.to as { name: string }).name})` : ""}`).join(", ")}. Each is in the results with its subject and body.`;
      return {
        answer,
        results: drafts,
        state: state(intent, {
          result_ids: intent.clients.map((c) => c.id),
          focus_client_id: intent.clients.length === 1 ? intent.clients[0].id : null,
        }),
      };
    }
    case "clarify":
      return {
        answer: intent.options.length
          ? `${intent.question} ${intent.options.map((o) => o.name).join(", ")}.`
          : intent.question,
        results: intent.options.map((o) => ({ client_id: o.id, name: o.name })),
        state: state(intent, { result_ids: intent.options.map((o) => o.id) }),
      };
    case "help":
      return { answer: helpAnswer(), results: [], state: state(intent, {}) };
    case "unknown":
      return { answer: cannotAnswer(), results: [], state: state(intent, {}) };
  }
}

const COMPONENT_LABEL: Record<string, string> = {
  usage: "Usage",
  adoption: "Adoption",
  support: "Support",
  relationship: "Relationship",
  contract: "Contract",
  outcome: "Outcomes",
};

async function healthDrivers(
  db: Db,
  user: EthicoUserRow,
  intent: { kind: "health_drivers"; client: ClientRef },
  now: Date,
): Promise<IntentAnswer> {
  const facts = await clientFacts(db, user, intent.client.id, now);
  const since = addDays(isoDate(now), -30);
  const { then, now: latest } = await componentScoresThenAndNow(db, intent.client.id, since);
  const drivers = COMPONENT_KEYS.map((k) => ({
    component: k,
    then: then?.[k] ?? null,
    now: latest?.[k] ?? null,
    detail: latest?.details?.[k] ?? null,
  }))
    .filter((d) => d.then !== null && d.now !== null)
    .map((d) => ({ ...d, change: d.now! - d.then! }))
    .sort((a, b) => a.change - b.change);
  const falling = drivers.filter((d) => d.change <= -3);
  const change = then && latest ? latest.overall - then.overall : null;
  const parts = [
    change === null
      ? `${facts.client} has less than 30 days of health history.`
      : `${facts.client}'s health is ${latest!.overall}, ${change < 0 ? `down ${-change}` : change > 0 ? `up ${change}` : "unchanged"} from ${then!.overall} 30 days ago.`,
    falling.length
      ? `What fell: ${falling.map((d) => `${COMPONENT_LABEL[d.component]} ${d.then} -> ${d.now}${d.detail ? ` (${d.detail})` : ""}`).join("; ")}.`
      : "No component fell by 3 points or more.",
    facts.churn?.factors.length
      ? `The churn model's main factors: ${facts.churn.factors.map((f) => `${f.factor.replace(/_/g, " ")} (${f.impact}): ${f.detail.split(";")[0]}`).join("; ")}.`
      : "",
    facts.engagement.last_csm_contact_days !== null
      ? `Last CSM contact was ${facts.engagement.last_csm_contact_days} days ago.`
      : "There is no CSM contact on record.",
  ].filter(Boolean);
  return {
    answer: parts.join("\n"),
    results: [
      {
        client_id: intent.client.id,
        name: facts.client,
        health_score: latest?.overall ?? null,
        health_then: then?.overall ?? null,
        health_change: change,
        drivers,
        churn_factors: facts.churn?.factors ?? [],
      },
    ],
    state: state(intent, { result_ids: [intent.client.id], focus_client_id: intent.client.id }),
  };
}

async function compareClient(
  db: Db,
  user: EthicoUserRow,
  intent: { kind: "compare"; client: ClientRef },
  now: Date,
): Promise<IntentAnswer> {
  const b = await clientBenchmark(db, user, intent.client.id, { cohort: "industry" }, now);
  const points = b.metrics.filter((m) => m.value !== null && m.cohort_average !== null);
  const ahead = points.filter((m) => !m.behind).map((m) => `${m.label} ${m.value} vs ${m.cohort_average}`);
  const behind = b.gaps.slice(0, 3).map((g) => `${g.label} ${g.value} vs ${g.cohort_average} (${g.recommendation})`);
  const answer = [
    `${intent.client.name} against ${b.cohort.label} (${b.cohort.size} clients):`,
    ahead.length ? `At or above the cohort: ${ahead.join("; ")}.` : "",
    behind.length ? `Behind: ${behind.join("; ")}.` : "Not behind the cohort on any measure.",
    b.look_alikes.length
      ? `Most similar clients: ${b.look_alikes
          .slice(0, 3)
          .map((l) => `${l.name} (health ${l.health ?? "n/a"})`)
          .join(", ")}.`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  const results: ChatResult[] = [
    {
      client_id: intent.client.id,
      name: intent.client.name,
      cohort: b.cohort,
      metrics: points.map((m) => ({
        metric: m.metric,
        label: m.label,
        value: m.value,
        cohort_average: m.cohort_average,
        best_in_class: m.best_in_class,
        percentile: m.percentile,
      })),
    },
    ...b.look_alikes.slice(0, 5).map((l) => ({
      client_id: l.client_id,
      name: l.name,
      health_score: l.health,
      adoption: l.adoption,
      similarity: l.similarity,
    })),
  ];
  return {
    answer,
    results,
    state: state(intent, { result_ids: [intent.client.id], focus_client_id: intent.client.id }),
  };
}
