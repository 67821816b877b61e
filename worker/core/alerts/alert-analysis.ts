import type { AlertType } from "#worker/core/enums";

import type { AlertCandidate } from "./alert-rules";

// Each alert's analysis and recommended action (PRD ClientAlert ai_analysis and
// ai_recommended_action; US-015-022 "AI suggests specific actions for each alert type"), written
// locally from the alert's own figures and the client's context. Workers AI may reword the
// analysis when it is bound; this is what every environment always has.

export interface AlertContext {
  health: number | null;
  churn_risk: number | null;
  days_to_renewal: number | null;
  arr: number | null;
  last_contact_days: number | null;
}

const ACTION: Record<AlertType, string> = {
  HEALTH_DROP: "Call the main contact this week: find out what changed, and agree a recovery plan",
  KEY_USER_INACTIVE: "Reach the stakeholder directly, and ask whether their role or priorities have changed",
  SUPPORT_SPIKE: "Review the new tickets with Support today and send the client a status update",
  USAGE_DECLINE: "Run a usage review with the admin: which teams stopped, and why",
  FEATURE_ABANDONED: "Offer a short refresher on the feature, or learn why it no longer fits",
  RENEWAL_APPROACHING: "Prepare the renewal: value review, then a meeting with the executive sponsor",
  CONTRACT_UTILIZATION_LOW: "Plan a roll-out push with the admin: onboarding sessions for unused seats",
  CHAMPION_RISK: "Meet the champion, and start building a second champion now",
  NPS_DETRACTOR: "Call the respondent within 48 hours: close the loop on their score",
  PAYMENT_ISSUE: "Check with Finance, then raise it tactfully with the billing contact",
  FOLLOW_UP_OVERDUE: "Do the follow-up today, or reschedule it with the client",
};

export function analyzeAlert(a: AlertCandidate, ctx: AlertContext): { analysis: string; recommended_action: string } {
  const stakes: string[] = [];
  if (ctx.arr !== null) stakes.push(`$${Math.round(ctx.arr / 1000)}K ARR`);
  if (ctx.days_to_renewal !== null && ctx.days_to_renewal >= 0 && ctx.days_to_renewal <= 120)
    stakes.push(`renewal in ${ctx.days_to_renewal} days`);
  if (ctx.churn_risk !== null) stakes.push(`churn risk ${ctx.churn_risk}%`);
  const context = [
    ctx.health !== null ? `Health is ${ctx.health}.` : "",
    stakes.length ? `At stake: ${stakes.join(", ")}.` : "",
    ctx.last_contact_days === null
      ? "There is no CSM contact on record."
      : ctx.last_contact_days >= 30
        ? `Last CSM contact was ${ctx.last_contact_days} days ago.`
        : "",
  ].filter(Boolean);
  const urgency =
    a.severity === "CRITICAL" || a.severity === "HIGH"
      ? "Act within 2 days."
      : a.severity === "MEDIUM"
        ? "Act this week."
        : "Worth a look when you next review the account.";
  // The description already says what happened; the analysis says what it means for the account.
  return { analysis: [...context, urgency].join(" "), recommended_action: ACTION[a.alert_type] };
}
