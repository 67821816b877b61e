import type { FactorKey, FeatureValues } from "./churn-features";

// Words for each churn factor, from the client's own values (the PRD's "Usage Decline: High —
// DAU dropped 40% vs 30-day avg").

export const FACTOR_LABELS: Record<FactorKey, string> = {
  usage_decline: "Usage decline",
  adoption_gap: "Adoption gap",
  support_spike: "Support spike",
  relationship_gap: "Relationship gap",
  contract_risk: "Contract risk",
  health_decline: "Health decline",
  tenure: "Tenure",
  renewal_timing: "Renewal timing",
  seasonality: "Seasonality",
  account_size: "Account size and tier",
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Always-known features are numbers; the type allows null for the ones that can be missing. */
const n = (x: number | null) => x ?? 0;

export function explainFactor(factor: FactorKey, v: FeatureValues): string {
  switch (factor) {
    case "usage_decline": {
      const change = v.dau_change_pct;
      const trend = change === null ? "DAU trend unknown" : change <= -5 ? `DAU down ${Math.round(-change)}% vs the previous 30 days` : change >= 5 ? `DAU up ${Math.round(change)}% vs the previous 30 days` : "DAU steady vs the previous 30 days";
      const active = v.active_share_60d === null ? "" : `; ${Math.round(100 * v.active_share_60d)}% of users active daily`;
      return `${trend}${active}; usage score ${v.usage_score ?? "N/A"}`;
    }
    case "adoption_gap":
      return v.adoption_score === null ? "Adoption not measured yet" : `Adoption score ${v.adoption_score}`;
    case "support_spike":
      return `${v.high_tickets_30d} high-severity of ${v.tickets_30d} tickets in 30 days; support score ${v.support_score ?? "N/A"}`;
    case "relationship_gap":
      return n(v.days_since_contact) >= 365 ? "No CSM contact on record" : `Last CSM contact ${Math.round(n(v.days_since_contact))} days ago; relationship score ${v.relationship_score ?? "N/A"}`;
    case "contract_risk":
      return v.nps === null ? `No NPS response; contract score ${v.contract_score ?? "N/A"}` : `NPS ${v.nps} (${v.nps <= 6 ? "detractor" : v.nps <= 8 ? "passive" : "promoter"}); contract score ${v.contract_score ?? "N/A"}`;
    case "health_decline":
      return v.health_change_30d === null ? "No health score 30 days ago" : `Health ${v.health_change_30d > 0 ? "+" : ""}${v.health_change_30d} points in 30 days`;
    case "tenure":
      return `${n(v.tenure_years).toFixed(1)} years as a client, ${n(v.years_since_go_live).toFixed(1)} since go-live`;
    case "renewal_timing":
      return `Next renewal in about ${Math.round(n(v.years_to_renewal) * 365)} days`;
    case "seasonality": {
      const month = Math.round((Math.atan2(n(v.season_sin), n(v.season_cos)) * 6) / Math.PI + 12) % 12;
      return `Observed in ${MONTHS[month]}`;
    }
    case "account_size":
      return `ARR about $${Math.round(10 ** n(v.log_arr) / 1000)}K${v.tier_enterprise ? ", Enterprise" : v.tier_starter ? ", Starter" : ""}`;
  }
}
