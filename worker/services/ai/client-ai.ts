import type { ClientFacts } from "#worker/core/ai/client-facts";
import { narrateSummary, playbookActions } from "#worker/core/ai/narrator";
import { basisChanges, type SummaryBasis } from "#worker/core/ai/summary-basis";
import { daysBetween, isoDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import { weakestComponent } from "#worker/core/health/explain";
import { daysSinceContact } from "#worker/core/metrics/contact-and-risk";
import type { RiskFactor } from "#worker/core/types";
import type { Db } from "#worker/db/client";
import { lastSummaryInteraction } from "#worker/db/queries/ai-interactions";
import { openAlertsOf } from "#worker/db/queries/alerts";
import { saveClientSummary } from "#worker/db/queries/clients";
import type { EthicoUserRow } from "#worker/db/queries/users";
import { clientChurnRisk } from "#worker/services/churn";
import { getClientDetail } from "#worker/services/clients";
import { draftClientEmail } from "#worker/services/email-draft";
import { enforceRateLimit } from "#worker/services/rate-limits";

import { type AiEnv, generateText } from "./provider";
import { basisOfClient, type BasisSource } from "./summary-basis-load";

// The client's AI answers (PRD AI endpoints): summary, recommended actions, outreach draft.
// Facts are computed first; the provider only puts them into words.

export async function clientFacts(db: Db, user: EthicoUserRow, clientId: string, now: Date): Promise<ClientFacts> {
  return (await clientFactsAndBasis(db, user, clientId, now)).facts;
}

/** The facts a summary is written from, and the basis kept with it (the header's figures). */
async function clientFactsAndBasis(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  now: Date,
): Promise<{ facts: ClientFacts; basis: SummaryBasis }> {
  const c = await getClientDetail(db, user, clientId, now);
  const today = isoDate(now);
  const [churn, alerts] = await Promise.all([
    clientChurnRisk(db, user, clientId, now).catch((err: unknown) =>
      err instanceof AppError && (err.status === 409 || err.status === 422) ? null : Promise.reject(err),
    ),
    openAlertsOf(db, c.id),
  ]);
  const comps = c.health_components;
  const champion = c.contacts.find((p) => p.role === "CHAMPION") ?? null;
  const days = (v: string | null) => (v ? daysBetween(v, today) : null);
  const facts: ClientFacts = {
    client: c.name,
    tier: c.contract_tier,
    industry: c.industry,
    arr: c.annual_recurring_revenue,
    days_to_renewal: c.days_to_renewal,
    health: {
      score: c.current_health_score,
      status: c.health_status,
      change_30d: c.health_trend_change,
      components: comps
        ? {
            usage: comps.usage,
            adoption: comps.adoption,
            support: comps.support,
            relationship: comps.relationship,
            contract: comps.contract,
            outcome: comps.outcome,
          }
        : {},
      weakest: comps ? weakestComponent((k) => comps[k as keyof typeof comps] as number | null) : null,
    },
    // The risk figure and category are the header's (stored on the client), so the two never disagree.
    churn: churn
      ? {
          risk_pct: c.churn_risk_score ?? churn.churn_risk_score,
          category: c.churn_risk_category ?? churn.risk_category,
          factors: churn.drivers.map((f) => ({ factor: f.factor, impact: f.impact, detail: f.detail })),
        }
      : null,
    engagement: {
      last_csm_contact_days: daysSinceContact(c.last_csm_contact_at, today),
      activities_90d: c.recent_activities.filter((a) => days(a.occurred_at)! <= 90).length,
      champion: champion ? { name: champion.name, days_since_login: days(champion.last_platform_login) } : null,
      inactive_key_contacts: c.contacts.filter(
        (p) =>
          ["CHAMPION", "EXECUTIVE_SPONSOR", "ADMIN"].includes(p.role) && (days(p.last_platform_login) ?? 999) >= 14,
      ).length,
    },
    alerts,
  };
  return { facts, basis: basisOfClient(c, alerts, now) };
}

/** POST /clients/:id/ai/summary: written, stored on the client with its time, and returned. */
export async function generateClientSummary(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  return writeClientSummary(env, db, user, clientId, now);
}

/**
 * Writes and stores a summary with the facts it was written from. Without the AI binding in
 * `env` it is the local narrator's (no model call, no rate limit): how a summary whose facts
 * changed is rewritten when it is read.
 */
export async function writeClientSummary(
  env: AiEnv,
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  now: Date,
  rewrittenBecause?: string[],
) {
  const { facts, basis: current } = await clientFactsAndBasis(db, user, clientId, now);
  // An automatic rewrite keeps its reason beside the facts, so every page shows it until the next write.
  const basis: SummaryBasis = rewrittenBecause ? { ...current, rewritten_because: rewrittenBecause } : current;
  const actions = playbookActions(facts);
  const answer = await generateText(env, db, user, {
    purpose: "summary",
    clientId,
    instructions:
      "Write a 3 to 4 sentence summary of this client for its Client Success Manager: current health and trend, the main risks and their causes, the open alerts, and the renewal. Use the figures exactly as given. Plain text, no lists.",
    facts,
    local: () => narrateSummary(facts),
  });
  const generatedAt = now.toISOString();
  await saveClientSummary(db, clientId, {
    ai_summary: answer.text,
    ai_summary_generated_at: generatedAt,
    ai_summary_facts: basis,
    ai_recommended_actions: actions.map((a) => a.action),
    updated_at: generatedAt,
  });
  return {
    client_id: clientId,
    summary: answer.text,
    generated_at: generatedAt,
    provider: answer.provider,
    model: answer.model,
    note: answer.note,
    interaction_id: answer.interaction_id,
    facts,
    written_from: basis,
    recommended_actions: actions.map((a) => a.action),
  };
}

/** GET /clients/:id/summary: the stored summary, written now if there is none yet, rewritten if its facts changed. */
export async function getClientSummary(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const c = await getClientDetail(db, user, clientId, now);
  if (!c.ai_summary || !c.ai_summary_generated_at) return generateClientSummary(env, db, user, clientId, now);
  const fresh = await freshenSummary(db, user, c, now);
  if (fresh.rewritten) return { ...fresh.rewritten, rewritten_because: fresh.because };
  return {
    client_id: clientId,
    summary: c.ai_summary,
    generated_at: c.ai_summary_generated_at,
    provider: null,
    model: null,
    note: "Stored summary; POST /ai/summary writes a fresh one.",
    written_from: c.ai_summary_facts,
    rewritten_because: c.ai_summary_facts?.rewritten_because ?? null,
  };
}

/** POST /clients/:id/ai/actions: playbook actions tied to the risk factors, with the reasoning in words. */
export async function recommendActions(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  const facts = await clientFacts(db, user, clientId, now);
  const actions = playbookActions(facts);
  const answer = await generateText(env, db, user, {
    purpose: "actions",
    clientId,
    instructions:
      "These recommended actions were chosen from the client's risk factors. In 2 or 3 sentences, tell the CSM which to do first and why, using only the facts.",
    facts: { ...facts, actions },
    local: () =>
      `Start with "${actions[0].action.toLowerCase()}" (${actions[0].why}).${actions[1] ? ` Then ${actions[1].action.toLowerCase()} (${actions[1].why}).` : ""}`,
  });
  return {
    client_id: clientId,
    actions,
    rationale: answer.text,
    provider: answer.provider,
    model: answer.model,
    note: answer.note,
    interaction_id: answer.interaction_id,
  };
}

/** POST /clients/:id/ai/email-draft: the computed draft, reworded by the model when it is bound. */
export async function aiEmailDraft(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  const draft = await draftClientEmail(db, user, clientId, now);
  const answer = await generateText(env, db, user, {
    purpose: "email_draft",
    clientId,
    instructions:
      "Rewrite this outreach email body in a warm, professional voice. Keep every fact and the sign-off, stay under 180 words, and reply with the body only.",
    // The recipient's name only: their address never goes into a prompt.
    facts: { to: draft.to?.name ?? null, subject: draft.subject, body: draft.body, reasons: draft.reasons },
    local: () => draft.body,
  });
  return {
    client_id: clientId,
    ...draft,
    body: answer.text,
    provider: answer.provider,
    model: answer.model,
    note: answer.note,
    interaction_id: answer.interaction_id,
  };
}

/** The AI panel's stored state: the last summary, who wrote it (provider), the user's thumbs on it, risk factors and actions. */
export async function storedAiPanel(
  db: Db,
  user: EthicoUserRow,
  client: {
    id: string;
    ai_summary: string | null;
    ai_summary_generated_at: string | null;
    ai_recommended_actions: string[] | null;
    ai_risk_factors: RiskFactor[] | null;
  },
) {
  const last = client.ai_summary ? await lastSummaryInteraction(db, client.id, user.id) : undefined;
  return {
    client_id: client.id,
    summary: client.ai_summary,
    generated_at: client.ai_summary_generated_at,
    provider: last?.provider ?? null,
    model: last?.model ?? null,
    interaction_id: last?.id ?? null,
    rating: last?.rating ?? null,
    risk_factors: client.ai_risk_factors ?? [],
    actions: client.ai_recommended_actions ?? [],
  };
}

type SummaryHolder = BasisSource & {
  id: string;
  ai_summary: string | null;
  ai_summary_generated_at: string | null;
  ai_summary_facts: SummaryBasis | null;
};

/**
 * A stored summary never contradicts the header beside it (issue 18.4): when the facts it was
 * written from differ from the client's current ones, the local narrator rewrites it from the
 * current facts (cheap, deterministic, no model call) and the answer says what changed.
 */
export async function freshenSummary(db: Db, user: EthicoUserRow, c: SummaryHolder, now: Date) {
  if (!c.ai_summary) return { rewritten: null, because: [] as string[] };
  const current = basisOfClient(c, await openAlertsOf(db, c.id), now);
  const changes = basisChanges(c.ai_summary_facts, current);
  if (changes.length === 0) return { rewritten: null, because: [] as string[] };
  const because = changes.map((x) => x.text);
  const rewritten = await writeClientSummary({}, db, user, c.id, now, because);
  return { rewritten, because };
}

/** The client page's AI panel: the stored summary, rewritten first if its facts changed. */
export async function currentAiPanel(
  db: Db,
  user: EthicoUserRow,
  client: SummaryHolder & { ai_recommended_actions: string[] | null; ai_risk_factors: RiskFactor[] | null },
  now: Date,
) {
  const fresh = await freshenSummary(db, user, client, now);
  const c = fresh.rewritten
    ? {
        ...client,
        ai_summary: fresh.rewritten.summary,
        ai_summary_generated_at: fresh.rewritten.generated_at,
        ai_summary_facts: fresh.rewritten.written_from,
        ai_recommended_actions: fresh.rewritten.recommended_actions,
      }
    : client;
  return {
    ...(await storedAiPanel(db, user, c)),
    written_from: c.ai_summary_facts,
    rewritten_because: c.ai_summary_facts?.rewritten_because ?? null,
  };
}
