import { type SummaryBasis, summaryBasis } from "#worker/core/ai/summary-basis";
import { daysBetween, isoDate } from "#worker/core/dates";

// The current facts a client summary must agree with: the header's figures and the open alerts
// (read by db/queries/alerts openAlertsOf).

export interface BasisSource {
  current_health_score: number | null;
  health_status: string | null;
  churn_risk_score: number | null;
  churn_risk_category: string | null;
  last_csm_contact_at: string | null;
}

export function basisOfClient(c: BasisSource, alerts: readonly { id: string }[], now: Date): SummaryBasis {
  return summaryBasis({
    health_score: c.current_health_score,
    health_status: c.health_status,
    churn_risk_pct: c.churn_risk_score,
    churn_category: c.churn_risk_category,
    last_csm_contact_at: c.last_csm_contact_at,
    last_contact_days: c.last_csm_contact_at ? daysBetween(c.last_csm_contact_at, isoDate(now)) : null,
    alert_ids: alerts.map((a) => a.id),
  });
}
