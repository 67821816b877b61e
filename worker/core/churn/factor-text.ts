import { USAGE_WINDOW_LABEL } from "#worker/core/metrics/usage-change";
import type { RiskFactor } from "#worker/core/types";

// Words for the churn model's factors, in two registers:
//   - the exact decomposition for analysts: every feature group with a neutral name ("Usage
//     trend") and the client's own figures, whichever way they push;
//   - risk drivers for CSMs (Client.ai_risk_factors, the chat, the briefing, the AI summary): a
//     group becomes a driver only when it raises this client's risk AND the client's figures
//     show the adverse direction its name promises ("usage_decline" only when usage fell).
//     Seasonality and account size are never drivers; tenure only as "new client".
// Every sentence is built here from plain figures (`ClientRiskFigures`), so the canonical
// metric definitions can feed it without touching the model.

export const FACTOR_GROUPS = [
  "usage_trend",
  "usage_level",
  "adoption",
  "support",
  "relationship",
  "sentiment",
  "health_trend",
  "tenure",
  "renewal_timing",
  "seasonality",
  "account_size",
] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];

export const GROUP_LABELS: Record<FactorGroup, string> = {
  usage_trend: "Usage trend",
  usage_level: "Usage level",
  adoption: "Adoption",
  support: "Support",
  relationship: "CSM contact",
  sentiment: "NPS and contract",
  health_trend: "Health trend",
  tenure: "Time as a client",
  renewal_timing: "Time to renewal",
  seasonality: "Time of year",
  account_size: "Account size and tier",
};

/** A client's figures as a person reads them (all plain numbers; null = not known). */
export interface ClientRiskFigures {
  /** Daily active users, last 30 days against the 30 before, in percent. */
  dau_change_pct: number | null;
  /** Share of users active on a typical day, last 60 days and the 60 before (0–1). */
  active_share_60d: number | null;
  active_share_before: number | null;
  usage_score: number | null;
  adoption_score: number | null;
  support_score: number | null;
  tickets_30d: number;
  high_tickets_30d: number;
  /** null: no CSM contact on record. */
  days_since_contact: number | null;
  relationship_score: number | null;
  nps: number | null;
  contract_score: number | null;
  health_change_30d: number | null;
  tenure_years: number;
  days_to_renewal: number | null;
}

/** What a typical client of the book looks like (the training means), to say "below typical". */
export interface TypicalFigures {
  active_share_60d: number;
  usage_score: number;
  adoption_score: number;
  tickets_30d: number;
  contract_score: number;
}

export const RISK_DRIVER_LABELS: Record<string, string> = {
  usage_decline: "Usage decline",
  low_usage: "Low usage",
  adoption_gap: "Adoption gap",
  support_spike: "Support spike",
  ticket_volume: "Ticket volume",
  relationship_gap: "No recent CSM contact",
  contract_risk: "Contract risk",
  health_decline: "Health decline",
  new_client: "New client",
  renewal_soon: "Renewal soon",
};

const pct = (v: number) => `${Math.round(100 * v)}%`;
const score = (v: number | null) => (v === null ? "not measured" : String(Math.round(v)));
const npsWord = (n: number) => (n <= 6 ? "detractor" : n <= 8 ? "passive" : "promoter");
const months = (years: number) => Math.max(1, Math.round(years * 12));

/** Neutral words for a group, whichever way it pushes (the analyst's decomposition). */
export function describeGroup(g: FactorGroup, f: ClientRiskFigures): string {
  switch (g) {
    case "usage_trend": {
      const c = f.dau_change_pct;
      const dau =
        c === null
          ? "Daily active users: no trend yet"
          : Math.abs(c) < 5
            ? "Daily active users steady over 30 days"
            : `Daily active users ${c < 0 ? "down" : "up"} ${Math.round(Math.abs(c))}% in 30 days`;
      return f.active_share_60d !== null && f.active_share_before !== null
        ? `${dau}; ${pct(f.active_share_before)} → ${pct(f.active_share_60d)} of users active daily over 60 days`
        : dau;
    }
    case "usage_level":
      return f.active_share_60d === null
        ? `Usage score ${score(f.usage_score)}`
        : `${pct(f.active_share_60d)} of users active on a typical day; usage score ${score(f.usage_score)}`;
    case "adoption":
      return `Adoption score ${score(f.adoption_score)}`;
    case "support":
      return `${f.tickets_30d} tickets in 30 days, ${f.high_tickets_30d} high-severity; support score ${score(f.support_score)}`;
    case "relationship":
      return f.days_since_contact === null
        ? "No CSM contact on record"
        : `Last CSM contact ${Math.round(f.days_since_contact)} days ago`;
    case "sentiment":
      return f.nps === null
        ? `No NPS response; contract score ${score(f.contract_score)}`
        : `NPS ${f.nps} (${npsWord(f.nps)}); contract score ${score(f.contract_score)}`;
    case "health_trend":
      return f.health_change_30d === null
        ? "No health score 30 days ago"
        : f.health_change_30d === 0
          ? "Health unchanged over 30 days"
          : `Health ${f.health_change_30d > 0 ? "rose" : "fell"} ${Math.abs(f.health_change_30d)} points in 30 days`;
    case "tenure":
      return f.tenure_years < 1
        ? `Client for ${months(f.tenure_years)} months`
        : `Client for ${f.tenure_years.toFixed(1)} years`;
    case "renewal_timing":
      return f.days_to_renewal === null ? "No renewal scheduled" : `Renewal in ${f.days_to_renewal} days`;
    case "seasonality":
      return "Time of year (renewals cluster in some months)";
    case "account_size":
      return "Contract size and tier";
  }
}

/**
 * The driver a group stands for when it raises risk, worded from the client's figures; null when
 * the figures do not show the direction a driver's name would claim (then it is not shown).
 */
export function riskDriver(
  g: FactorGroup,
  f: ClientRiskFigures,
  t: TypicalFigures,
): { factor: string; label: string; detail: string } | null {
  const d = (factor: string, detail: string) => ({ factor, label: RISK_DRIVER_LABELS[factor], detail });
  switch (g) {
    case "usage_trend":
      if (f.dau_change_pct !== null && f.dau_change_pct <= -5)
        return d("usage_decline", `Daily active users down ${Math.round(-f.dau_change_pct)}% (${USAGE_WINDOW_LABEL})`);
      if (
        f.active_share_60d !== null &&
        f.active_share_before !== null &&
        f.active_share_before - f.active_share_60d >= 0.03
      ) {
        return d(
          "usage_decline",
          `Share of users active daily fell from ${pct(f.active_share_before)} to ${pct(f.active_share_60d)} over 60 days`,
        );
      }
      return null;
    case "usage_level":
      if (f.active_share_60d !== null && f.active_share_60d < t.active_share_60d)
        return d(
          "low_usage",
          `Only ${pct(f.active_share_60d)} of users active on a typical day (typical client: ${pct(t.active_share_60d)})`,
        );
      if (f.usage_score !== null && f.usage_score < t.usage_score)
        return d(
          "low_usage",
          `Usage score ${Math.round(f.usage_score)} (typical client: ${Math.round(t.usage_score)})`,
        );
      return null;
    case "adoption":
      return f.adoption_score !== null && f.adoption_score < t.adoption_score
        ? d(
            "adoption_gap",
            `Adoption score ${Math.round(f.adoption_score)} (typical client: ${Math.round(t.adoption_score)})`,
          )
        : null;
    case "support":
      if (f.high_tickets_30d >= 1)
        return d(
          "support_spike",
          `${f.high_tickets_30d} high-severity ${f.high_tickets_30d === 1 ? "ticket" : "tickets"} in 30 days (${f.tickets_30d} tickets in all)`,
        );
      if (f.tickets_30d >= 3 && f.tickets_30d >= 2 * t.tickets_30d)
        return d(
          "ticket_volume",
          `${f.tickets_30d} tickets in 30 days, ${(f.tickets_30d / Math.max(t.tickets_30d, 0.1)).toFixed(1)}× a typical client (none high-severity)`,
        );
      return null;
    case "relationship":
      if (f.days_since_contact === null) return d("relationship_gap", "No CSM contact on record");
      return f.days_since_contact >= 30
        ? d("relationship_gap", `No CSM contact for ${Math.round(f.days_since_contact)} days`)
        : null;
    case "sentiment":
      if (f.nps !== null && f.nps <= 8)
        return d(
          "contract_risk",
          `NPS ${f.nps} (${npsWord(f.nps)})${f.contract_score !== null ? `; contract score ${Math.round(f.contract_score)}` : ""}`,
        );
      return f.contract_score !== null && f.contract_score < t.contract_score
        ? d(
            "contract_risk",
            `Contract score ${Math.round(f.contract_score)} (typical client: ${Math.round(t.contract_score)})`,
          )
        : null;
    case "health_trend":
      return f.health_change_30d !== null && f.health_change_30d <= -3
        ? d("health_decline", `Health fell ${-f.health_change_30d} points in 30 days`)
        : null;
    case "tenure":
      return f.tenure_years < 1.5
        ? d(
            "new_client",
            f.tenure_years < 1
              ? `New client: ${months(f.tenure_years)} months since the contract began, first renewal ahead`
              : `Young account: ${f.tenure_years.toFixed(1)} years as a client`,
          )
        : null;
    case "renewal_timing":
      return f.days_to_renewal !== null && f.days_to_renewal <= 90
        ? d("renewal_soon", `Renewal in ${f.days_to_renewal} days: little time left to change course`)
        : null;
    case "seasonality":
    case "account_size":
      return null;
  }
}

export const impactOf = (c: number): RiskFactor["impact"] =>
  Math.abs(c) >= 0.6 ? "high" : Math.abs(c) >= 0.25 ? "medium" : "low";

/** Groups that raise risk by at least this much (log-odds) can become drivers. */
export const DRIVER_MIN_CONTRIBUTION = 0.1;

/** The CSM's risk drivers: groups that raise risk and read as what they are, strongest first. */
export function riskDrivers(
  groups: readonly { group: FactorGroup; contribution: number }[],
  f: ClientRiskFigures,
  t: TypicalFigures,
  max = 4,
): (RiskFactor & { label: string; contribution: number })[] {
  return [...groups]
    .filter((g) => g.contribution >= DRIVER_MIN_CONTRIBUTION)
    .sort((a, b) => b.contribution - a.contribution)
    .flatMap((g) => {
      const d = riskDriver(g.group, f, t);
      return d
        ? [
            {
              factor: d.factor,
              label: d.label,
              impact: impactOf(g.contribution),
              detail: d.detail,
              contribution: g.contribution,
            },
          ]
        : [];
    })
    .slice(0, max);
}
