import { enforceRateLimit } from "../rate-limits";
import { and, desc, eq } from "drizzle-orm";
import type { ClientFacts } from "../../core/ai/client-facts";
import type { RiskFactor } from "../../core/types";
import { narrateSummary, playbookActions } from "../../core/ai/narrator";
import { daysBetween, isoDate } from "../../core/dates";
import { AppError } from "../../core/errors";
import { daysSinceContact } from "../../core/metrics/contact-and-risk";
import { weakestComponent } from "../../core/health-explain";
import type { Db } from "../../db/client";
import type { EthicoUserRow } from "../../db/queries/users";
import { aiFeedback, aiInteractions, clients } from "../../db/schema";
import { clientChurnRisk } from "../churn";
import { getClientDetail } from "../clients";
import { draftClientEmail } from "../email-draft";
import { generateText, type AiEnv } from "./provider";

// The client's AI answers (PRD AI endpoints): summary, recommended actions, outreach draft.
// Facts are computed first; the provider only puts them into words.


export async function clientFacts(db: Db, user: EthicoUserRow, clientId: string, now: Date): Promise<ClientFacts> {
  const c = await getClientDetail(db, user, clientId, now);
  const today = isoDate(now);
  const churn = await clientChurnRisk(db, user, clientId, now).catch((err: unknown) => (err instanceof AppError && (err.status === 409 || err.status === 422) ? null : Promise.reject(err)));
  const comps = c.health_components;
  const champion = c.contacts.find((p) => p.role === "CHAMPION") ?? null;
  const days = (v: string | null) => (v ? daysBetween(v, today) : null);
  return {
    client: c.name,
    tier: c.contract_tier,
    industry: c.industry,
    arr: c.annual_recurring_revenue,
    days_to_renewal: c.days_to_renewal,
    health: {
      score: c.current_health_score,
      status: c.health_status,
      change_30d: c.health_trend_change,
      components: comps ? { usage: comps.usage, adoption: comps.adoption, support: comps.support, relationship: comps.relationship, contract: comps.contract, outcome: comps.outcome } : {},
      weakest: comps ? weakestComponent((k) => comps[k as keyof typeof comps] as number | null) : null,
    },
    churn: churn ? { risk_pct: churn.churn_risk_score, category: churn.risk_category, factors: churn.drivers.map((f) => ({ factor: f.factor, impact: f.impact, detail: f.detail })) } : null,
    engagement: {
      last_csm_contact_days: daysSinceContact(c.last_csm_contact_at, today),
      activities_90d: c.recent_activities.filter((a) => days(a.occurred_at)! <= 90).length,
      champion: champion ? { name: champion.name, days_since_login: days(champion.last_platform_login) } : null,
      inactive_key_contacts: c.contacts.filter((p) => ["CHAMPION", "EXECUTIVE_SPONSOR", "ADMIN"].includes(p.role) && (days(p.last_platform_login) ?? 999) >= 14).length,
    },
  };
}

/** POST /clients/:id/ai/summary: written, stored on the client with its time, and returned. */
export async function generateClientSummary(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  const facts = await clientFacts(db, user, clientId, now);
  const actions = playbookActions(facts);
  const answer = await generateText(env, db, user, {
    purpose: "summary",
    clientId,
    instructions: "Write a 3 to 4 sentence summary of this client for its Client Success Manager: current health and trend, the main risks and their causes, and the renewal. Plain text, no lists.",
    facts,
    local: () => narrateSummary(facts),
  });
  const generatedAt = now.toISOString();
  await db.update(clients).set({ ai_summary: answer.text, ai_summary_generated_at: generatedAt, ai_recommended_actions: actions.map((a) => a.action), updated_at: generatedAt }).where(eq(clients.id, clientId));
  return { client_id: clientId, summary: answer.text, generated_at: generatedAt, provider: answer.provider, model: answer.model, note: answer.note, interaction_id: answer.interaction_id, facts };
}

/** GET /clients/:id/summary: the stored summary, written now if there is none yet. */
export async function getClientSummary(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const c = await getClientDetail(db, user, clientId, now);
  if (!c.ai_summary || !c.ai_summary_generated_at) return generateClientSummary(env, db, user, clientId, now);
  return { client_id: clientId, summary: c.ai_summary, generated_at: c.ai_summary_generated_at, provider: null, model: null, note: "Stored summary; POST /ai/summary writes a fresh one." };
}

/** POST /clients/:id/ai/actions: playbook actions tied to the risk factors, with the reasoning in words. */
export async function recommendActions(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  const facts = await clientFacts(db, user, clientId, now);
  const actions = playbookActions(facts);
  const answer = await generateText(env, db, user, {
    purpose: "actions",
    clientId,
    instructions: "These recommended actions were chosen from the client's risk factors. In 2 or 3 sentences, tell the CSM which to do first and why, using only the facts.",
    facts: { ...facts, actions },
    local: () => `Start with "${actions[0].action.toLowerCase()}" (${actions[0].why}).${actions[1] ? ` Then ${actions[1].action.toLowerCase()} (${actions[1].why}).` : ""}`,
  });
  return { client_id: clientId, actions, rationale: answer.text, provider: answer.provider, model: answer.model, note: answer.note, interaction_id: answer.interaction_id };
}

/** POST /clients/:id/ai/email-draft: the computed draft, reworded by the model when it is bound. */
export async function aiEmailDraft(env: AiEnv, db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  await enforceRateLimit(env, "ai", user.id);
  const draft = await draftClientEmail(db, user, clientId, now);
  const answer = await generateText(env, db, user, {
    purpose: "email_draft",
    clientId,
    instructions: "Rewrite this outreach email body in a warm, professional voice. Keep every fact and the sign-off, stay under 180 words, and reply with the body only.",
    // The recipient's name only: their address never goes into a prompt.
    facts: { to: draft.to?.name ?? null, subject: draft.subject, body: draft.body, reasons: draft.reasons },
    local: () => draft.body,
  });
  return { client_id: clientId, ...draft, body: answer.text, provider: answer.provider, model: answer.model, note: answer.note, interaction_id: answer.interaction_id };
}

/** The AI panel's stored state: the last summary, who wrote it (provider), the user's thumbs on it, risk factors and actions. */
export async function storedAiPanel(db: Db, user: EthicoUserRow, client: { id: string; ai_summary: string | null; ai_summary_generated_at: string | null; ai_recommended_actions: string[] | null; ai_risk_factors: RiskFactor[] | null }) {
  const [last] = client.ai_summary
    ? await db
        .select({ id: aiInteractions.id, provider: aiInteractions.provider, model: aiInteractions.model, rating: aiFeedback.rating })
        .from(aiInteractions)
        .leftJoin(aiFeedback, and(eq(aiFeedback.interaction_id, aiInteractions.id), eq(aiFeedback.user_id, user.id)))
        .where(and(eq(aiInteractions.client_id, client.id), eq(aiInteractions.kind, "summary")))
        .orderBy(desc(aiInteractions.at))
        .limit(1)
    : [];
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
