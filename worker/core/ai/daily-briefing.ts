import { churnRiskCategory } from "#worker/core/health/bands";
import type { RiskFactor } from "#worker/core/types";

import type { ClientFacts } from "./client-facts";
import { playbookActions, type RecommendedAction } from "./narrator";

// "Who needs attention today and why, in priority order" (PRD F1 AI insights) and the CSM's
// daily briefing, which is the same content laid out as an email. Clients arrive already in
// the portfolio's attention-priority order; this decides who makes the list, says why in
// figures, and picks the first playbook action for each.

export interface BriefingClient {
  client_id: string;
  /** The stored category (PRD bands or the book's riskiest tenth); computed from the score when absent. */
  churn_category?: "LOW" | "MEDIUM" | "HIGH" | null;
  name: string;
  arr: number | null;
  health_score: number | null;
  health_status: string;
  health_change: number;
  churn_risk: number | null;
  days_to_renewal: number | null;
  last_contact_days: number | null;
  risk_factors: RiskFactor[];
}

export interface BriefingFollowUp {
  client_id: string;
  name: string;
  subject: string;
  due: string;
}
export interface BriefingItem extends BriefingClient {
  why: string[];
  action: RecommendedAction;
}

export interface Briefing {
  date: string;
  csm: string;
  headline: string;
  /** How many clients need attention today (attentionReasons not empty): the one count every screen quotes. */
  needs_attention: number;
  /** The first `limit` of them, in priority order. */
  items: BriefingItem[];
  follow_ups: BriefingFollowUp[];
  /** Follow-ups due or overdue beyond those listed (counted so none is lost; all are on My tasks). */
  older_follow_ups: number;
  email: { subject: string; text: string; html: string };
}

/**
 * Why a client needs attention now, in figures; empty when it does not. THE definition of
 * "needs attention" (issue 17): the portfolio's insights and the briefing count the same
 * clients, whatever number of them each lists.
 */
export function attentionReasons(c: BriefingClient): string[] {
  const why: string[] = [];
  if (c.health_status === "CRITICAL" || c.health_status === "AT_RISK")
    why.push(`Health ${c.health_score} (${c.health_status.toLowerCase().replace("_", " ")})`);
  if (c.health_change <= -5) why.push(`Health down ${-c.health_change} points in 30 days`);
  if ((c.churn_risk ?? 0) >= 20) why.push(`Churn risk ${c.churn_risk}%`);
  const risky = why.length > 0;
  if (c.days_to_renewal !== null && c.days_to_renewal >= 0 && c.days_to_renewal <= 90 && risky)
    why.push(`Renewal in ${c.days_to_renewal} days`);
  if (c.last_contact_days === null ? risky : c.last_contact_days >= 30 && (risky || c.last_contact_days >= 60))
    why.push(
      c.last_contact_days === null ? "No CSM contact on record" : `No CSM contact for ${c.last_contact_days} days`,
    );
  const factor = c.risk_factors.find((f) => f.impact === "high");
  if (factor && risky) why.push(factor.detail.split(";")[0]);
  return why;
}

/** Does a client need attention today? (The SQL twin that counts a portfolio: db/metric-sql.ts.) */
export function needsAttention(c: BriefingClient): boolean {
  return attentionReasons(c).length > 0;
}

function factsOf(c: BriefingClient): ClientFacts {
  return {
    client: c.name,
    tier: "",
    industry: null,
    arr: c.arr,
    days_to_renewal: c.days_to_renewal,
    health: {
      score: c.health_score,
      status: c.health_status,
      change_30d: c.health_change,
      components: {},
      weakest: null,
    },
    churn:
      c.churn_risk === null
        ? null
        : {
            risk_pct: c.churn_risk,
            category: c.churn_category ?? churnRiskCategory(c.churn_risk) ?? "LOW",
            factors: c.risk_factors,
          },
    engagement: {
      last_csm_contact_days: c.last_contact_days,
      activities_90d: 0,
      champion: null,
      inactive_key_contacts: 0,
    },
  };
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * `clients` are the candidates in priority order; `needsAttentionTotal` is the portfolio's whole
 * count when the candidates are only its top slice (otherwise the candidates are counted).
 */
export function buildBriefing(input: {
  date: string;
  csm: string;
  clients: BriefingClient[];
  needsAttentionTotal?: number;
  followUps: BriefingFollowUp[];
  olderFollowUps?: number;
  limit: number;
  appUrl: string;
}): Briefing {
  const older = input.olderFollowUps ?? 0;
  const olderLine = older
    ? `${older} more follow-up${older === 1 ? " is" : "s are"} due or overdue: see My tasks.`
    : "";
  const needing = input.clients.map((c) => ({ ...c, why: attentionReasons(c) })).filter((c) => c.why.length > 0);
  const items = needing.slice(0, input.limit).map((c) => ({ ...c, action: playbookActions(factsOf(c))[0] }));
  const total = Math.max(needing.length, input.needsAttentionTotal ?? 0);
  const overdue = input.followUps.filter((f) => f.due < input.date).length;
  const shown = items.length < total ? ` (the ${items.length} most urgent below)` : "";
  const headline = items.length
    ? `${total} ${total === 1 ? "client needs" : "clients need"} attention today${shown}${input.followUps.length ? `, and ${input.followUps.length} follow-up${input.followUps.length === 1 ? " is" : "s are"} due${overdue ? ` (${overdue} overdue)` : ""}` : ""}.`
    : input.followUps.length
      ? `No client is at risk today; ${input.followUps.length} follow-up${input.followUps.length === 1 ? " is" : "s are"} due.`
      : "No client needs attention today.";
  const subject = `Your client briefing for ${input.date}: ${total ? `${total} to act on` : "all clear"}`;
  const text = [
    `Good morning ${input.csm.split(" ")[0]},`,
    "",
    headline,
    ...items.flatMap((c, i) => [
      "",
      `${i + 1}. ${c.name}: ${c.why.join("; ")}`,
      `   Do: ${c.action.action} (within ${c.action.due_in_days} days)`,
      `   ${input.appUrl}/clients/${c.client_id}`,
    ]),
    ...(input.followUps.length
      ? ["", "Follow-ups due:", ...input.followUps.map((f) => `- ${f.due} ${f.name}: ${f.subject}`)]
      : []),
    ...(olderLine ? ["", olderLine] : []),
  ].join("\n");
  const html = [
    `<p>Good morning ${escapeHtml(input.csm.split(" ")[0])},</p>`,
    `<p><strong>${escapeHtml(headline)}</strong></p>`,
    items.length
      ? `<ol>${items.map((c) => `<li><a href="${escapeHtml(`${input.appUrl}/clients/${c.client_id}`)}">${escapeHtml(c.name)}</a>: ${escapeHtml(c.why.join("; "))}<br>Do: ${escapeHtml(c.action.action)} (within ${c.action.due_in_days} days)</li>`).join("")}</ol>`
      : "",
    input.followUps.length
      ? `<p>Follow-ups due:</p><ul>${input.followUps.map((f) => `<li>${escapeHtml(f.due)} ${escapeHtml(f.name)}: ${escapeHtml(f.subject)}</li>`).join("")}</ul>`
      : "",
    olderLine ? `<p>${escapeHtml(olderLine)}</p>` : "",
  ].join("");
  return {
    date: input.date,
    csm: input.csm,
    headline,
    needs_attention: total,
    items,
    follow_ups: input.followUps,
    older_follow_ups: older,
    email: { subject, text, html },
  };
}
