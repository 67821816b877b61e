import { can, clientScopeFor } from "#worker/core/access-policy";
import { emptyFilter } from "#worker/core/ai/chat-filters";
import { type Briefing, buildBriefing, escapeHtml } from "#worker/core/ai/daily-briefing";
import { daysBetween, isoDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import { daysSinceContact } from "#worker/core/metrics/contact-and-risk";
import type { Db } from "#worker/db/client";
import { countNeedingAttention } from "#worker/db/queries/attention";
import { searchClients } from "#worker/db/queries/chat-search";
import { type EthicoUserRow, listCsms } from "#worker/db/queries/users";
import { enforceRateLimit } from "#worker/services/rate-limits";
import { listTasks } from "#worker/services/tasks";

import { type AiEnv, generateText } from "./provider";

// The portfolio's AI insights ("who needs attention today and why") and the daily briefing, the
// same content ready for email. A CSM gets their own; a VP, AE or admin may name a CSM, or
// gets the whole portfolio they can see.

const CANDIDATES = 60;
/** Follow-ups due today or overdue listed; any beyond are counted (they are all on My tasks). */
const FOLLOW_UPS_LISTED = 20;

export async function attentionToday(
  db: Db,
  user: EthicoUserRow,
  now: Date,
  q: { csm_id?: string; limit: number; appUrl: string; timeZone?: string | null },
): Promise<Briefing> {
  const today = isoDate(now);
  let csm: { id: string; name: string } | null = null;
  if (q.csm_id) {
    if (!can(user.role, "portfolio.filter_by_csm") && q.csm_id !== user.id)
      throw new AppError("FORBIDDEN", "You can only see your own briefing");
    const found = (await listCsms(db)).find((c) => c.id === q.csm_id);
    if (!found) throw new AppError("NOT_FOUND", "CSM not found", { csm_id: q.csm_id });
    csm = { id: found.id, name: `${found.first_name} ${found.last_name}` };
  }
  const scope = clientScopeFor(user);
  // The list is the top candidates by priority; the count is the whole portfolio's.
  const [{ rows }, needsAttentionTotal] = await Promise.all([
    searchClients(db, scope, { ...emptyFilter(), csm }, today, CANDIDATES),
    countNeedingAttention(db, scope, csm?.id ?? null, today),
  ]);
  // Follow-ups are the named CSM's, or the user's own when they have a portfolio of their own.
  const performer = csm?.id ?? (scope.kind === "all" ? null : user.id);
  // The same list as My tasks: what is overdue or due today on the user's calendar.
  const tasks = await listTasks(db, user, now, q.timeZone, performer);
  const due = [...tasks.buckets.overdue, ...tasks.buckets.today].map((t) => ({
    client_id: t.client_id,
    name: t.client_name,
    subject: t.subject,
    due: t.due_date,
  }));
  return buildBriefing({
    date: today,
    csm: csm?.name ?? `${user.first_name} ${user.last_name}`,
    clients: rows.map((r) => ({
      client_id: r.id,
      name: r.name,
      arr: r.annual_recurring_revenue,
      health_score: r.current_health_score,
      health_status: r.health_status,
      health_change: r.health_trend_change,
      churn_risk: r.churn_risk_score,
      churn_category: r.churn_risk_category,
      days_to_renewal: r.next_renewal_date ? daysBetween(today, r.next_renewal_date) : null,
      last_contact_days: daysSinceContact(r.last_csm_contact_at, today),
      risk_factors: r.ai_risk_factors ?? [],
    })),
    needsAttentionTotal,
    followUps: due.slice(0, FOLLOW_UPS_LISTED),
    olderFollowUps: due.length - Math.min(due.length, FOLLOW_UPS_LISTED),
    limit: q.limit,
    appUrl: q.appUrl,
  });
}

/** GET /ai/briefing: the list plus an opening paragraph written by the provider from it. */
export async function dailyBriefing(
  env: AiEnv,
  db: Db,
  user: EthicoUserRow,
  now: Date,
  q: { csm_id?: string; limit: number; appUrl: string; timeZone?: string | null },
) {
  await enforceRateLimit(env, "ai", user.id);
  const b = await attentionToday(db, user, now, q);
  const facts = {
    headline: b.headline,
    clients: b.items.map((i) => ({ name: i.name, why: i.why, action: i.action.action })),
    follow_ups: b.follow_ups.length,
  };
  const intro = await generateText(env, db, user, {
    purpose: "briefing",
    clientId: null,
    instructions:
      "Write a two-sentence opening for a CSM's morning briefing email: what matters most today and the first thing to do. Use only the facts.",
    facts,
    local: () =>
      b.items[0]
        ? `${b.headline} Start with ${b.items[0].name}: ${b.items[0].action.action.charAt(0).toLowerCase()}${b.items[0].action.action.slice(1)}.`
        : b.headline,
    maxTokens: 150,
  });
  const text = b.email.text.replace(b.headline, intro.text);
  const html = b.email.html.replace(escapeHtml(b.headline), escapeHtml(intro.text));
  return {
    ...b,
    intro: intro.text,
    email: { ...b.email, text, html },
    provider: intro.provider,
    model: intro.model,
    note: intro.note,
    interaction_id: intro.interaction_id,
  };
}
