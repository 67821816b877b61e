import type { ClientFacts } from "./client-facts";

// The local narrator: deterministic prose and playbook actions from a client's facts, used
// whenever Workers AI is not bound (local development, tests) or fails. Every sentence states
// a fact from ClientFacts; nothing is invented.

const usd = (v: number | null) =>
  v === null ? "unknown ARR" : v >= 1_000_000 ? `$${(v / 1_000_000).toFixed(1)}M` : `$${Math.round(v / 1000)}K`;
const COMPONENT_LABEL: Record<string, string> = {
  usage: "usage",
  adoption: "adoption",
  support: "support",
  relationship: "relationship",
  contract: "contract",
  outcome: "outcomes",
};

export function narrateSummary(f: ClientFacts): string {
  const h = f.health;
  const parts: string[] = [];
  const trend =
    h.change_30d <= -5
      ? `down ${-h.change_30d} points in 30 days`
      : h.change_30d >= 5
        ? `up ${h.change_30d} points in 30 days`
        : "stable over 30 days";
  parts.push(
    h.score === null
      ? `${f.client} (${f.tier.toLowerCase()}, ${usd(f.arr)}) has no health score yet.`
      : `${f.client} (${f.tier.toLowerCase()}, ${usd(f.arr)}) is at health ${h.score} (${h.status.toLowerCase().replace("_", " ")}), ${trend}.`,
  );
  if (h.weakest && h.weakest.score < 70)
    parts.push(
      `The weakest area is ${COMPONENT_LABEL[h.weakest.component] ?? h.weakest.component} at ${h.weakest.score}.`,
    );
  if (f.churn) {
    const top = f.churn.factors
      .slice(0, 2)
      .map((x) => x.detail.split(";")[0])
      .join("; ");
    parts.push(
      `Churn risk at the next renewal is ${f.churn.risk_pct}% (${f.churn.category.toLowerCase()})${top ? `, driven by: ${top}` : ""}.`,
    );
  }
  if (f.days_to_renewal !== null) parts.push(`Renewal is in ${f.days_to_renewal} days.`);
  const e = f.engagement;
  if (e.champion?.days_since_login !== null && e.champion && e.champion.days_since_login >= 14)
    parts.push(`The champion, ${e.champion.name}, last logged in ${e.champion.days_since_login} days ago.`);
  if (e.last_csm_contact_days !== null)
    parts.push(
      `Last CSM contact was ${e.last_csm_contact_days} days ago (${e.activities_90d} ${e.activities_90d === 1 ? "activity" : "activities"} in 90 days).`,
    );
  else parts.push("There is no CSM contact on record.");
  const alerts = f.alerts ?? [];
  if (alerts.length) {
    // Alert titles lead with the client's name; the summary is about that client already.
    const title = (t: string) => (t.startsWith(`${f.client}: `) ? t.slice(f.client.length + 2) : t);
    const cited = alerts
      .slice(0, 3)
      .map((a) => `${title(a.title)} (${a.severity.toLowerCase()})`)
      .join("; ");
    parts.push(`Open alerts: ${cited}${alerts.length > 3 ? ` and ${alerts.length - 3} more` : ""}.`);
  }
  return parts.join(" ");
}

export interface RecommendedAction {
  action: string;
  why: string;
  factor: string;
  priority: "high" | "medium" | "low";
  due_in_days: number;
}

/** Playbook actions tied to what is actually wrong, most urgent first. */
export function playbookActions(f: ClientFacts): RecommendedAction[] {
  const actions: RecommendedAction[] = [];
  const renewalSoon = f.days_to_renewal !== null && f.days_to_renewal <= 90;
  const e = f.engagement;
  const factor = (key: string) => f.churn?.factors.find((x) => x.factor === key);
  const usage = factor("usage_decline");
  if (usage || (f.health.components.usage ?? 100) < 50) {
    actions.push({
      action: "Run a usage review with the admin: find the teams that stopped logging in and why",
      why: usage?.detail ?? `Usage score ${f.health.components.usage}`,
      factor: "usage_decline",
      priority: usage?.impact === "high" || renewalSoon ? "high" : "medium",
      due_in_days: 7,
    });
  }
  if (e.champion && e.champion.days_since_login !== null && e.champion.days_since_login >= 14) {
    actions.push({
      action: `Reach ${e.champion.name} directly, and identify a second champion`,
      why: `Champion inactive for ${e.champion.days_since_login} days`,
      factor: "champion_inactive",
      priority: "high",
      due_in_days: 3,
    });
  }
  const support = factor("support_spike");
  if (support || (f.health.components.support ?? 100) < 50) {
    actions.push({
      action: "Review open tickets with Support and agree a fix plan with the client",
      why: support?.detail ?? `Support score ${f.health.components.support}`,
      factor: "support_spike",
      priority: support?.impact === "high" ? "high" : "medium",
      due_in_days: 5,
    });
  }
  if (e.last_csm_contact_days === null || e.last_csm_contact_days >= 30) {
    actions.push({
      action: "Schedule a check-in call this week",
      why:
        e.last_csm_contact_days === null
          ? "No CSM contact on record"
          : `Last CSM contact ${e.last_csm_contact_days} days ago`,
      factor: "relationship_gap",
      priority: e.last_csm_contact_days === null || e.last_csm_contact_days >= 45 ? "high" : "medium",
      due_in_days: 5,
    });
  }
  const contract = factor("contract_risk");
  if (contract)
    actions.push({
      action: "Follow up on the latest NPS answer: what would make it a 9?",
      why: contract.detail,
      factor: "contract_risk",
      priority: contract.impact === "high" ? "high" : "medium",
      due_in_days: 10,
    });
  if ((f.health.components.adoption ?? 100) < 60) {
    actions.push({
      action: "Offer enablement on licensed modules that are not in use",
      why: `Adoption score ${f.health.components.adoption}`,
      factor: "adoption_gap",
      priority: "medium",
      due_in_days: 14,
    });
  }
  if (renewalSoon && (f.churn?.risk_pct ?? 0) >= 20) {
    actions.push({
      action: "Prepare the renewal: executive sponsor meeting and a value review",
      why: `Renewal in ${f.days_to_renewal} days at ${f.churn?.risk_pct}% churn risk`,
      factor: "renewal_timing",
      priority: "high",
      due_in_days: 14,
    });
  }
  if (f.health.change_30d <= -5 && !actions.some((a) => a.factor === "usage_decline" || a.factor === "support_spike")) {
    actions.push({
      action: "Find out what changed: review the health trend, then call the main contact",
      why: `Health down ${-f.health.change_30d} points in 30 days`,
      factor: "health_drop",
      priority: f.health.change_30d <= -10 ? "high" : "medium",
      due_in_days: 7,
    });
  }
  if (actions.length === 0)
    actions.push({
      action: "Keep the cadence: next QBR, and ask for a reference or case study",
      why: "No risk factor stands out",
      factor: "healthy",
      priority: "low",
      due_in_days: 30,
    });
  const rank = { high: 0, medium: 1, low: 2 };
  return actions.sort((a, b) => rank[a.priority] - rank[b.priority] || a.due_in_days - b.due_in_days);
}
