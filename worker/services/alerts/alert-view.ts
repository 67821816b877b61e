import { effectiveStatus } from "#worker/core/alerts/alert-causes";
import { daysBetween } from "#worker/core/dates";
import type { AlertWithClient } from "#worker/db/queries/alerts";

// An alert as the API returns it and as the live stream sends it: the PRD's ClientAlert fields,
// the client's name, and what is at stake (the order's second and third keys).

export function toApiAlert(r: AlertWithClient, today: string, nowIso: string) {
  const a = r.alert;
  return {
    id: a.id,
    client_id: a.client_id,
    client: {
      id: a.client_id,
      name: r.client_name,
      annual_recurring_revenue: r.arr,
      days_to_renewal: r.next_renewal_date ? daysBetween(today, r.next_renewal_date) : null,
    },
    alert_type: a.alert_type,
    severity: a.severity,
    title: a.title,
    description: a.description,
    trigger_metric: a.trigger_metric,
    trigger_value: a.trigger_value,
    trigger_threshold: a.trigger_threshold,
    related_entity_type: a.related_entity_type,
    related_entity_id: a.related_entity_id,
    ai_analysis: a.ai_analysis,
    ai_recommended_action: a.ai_recommended_action,
    // An ended snooze reads as new at once (the hourly job writes it back).
    status: effectiveStatus(a, nowIso),
    acknowledged_at: a.acknowledged_at,
    acknowledged_by_id: a.acknowledged_by_id,
    snoozed_until: a.snoozed_until,
    dismissed_at: a.dismissed_at,
    dismissed_by_id: a.dismissed_by_id,
    resolved_at: a.resolved_at,
    resolution_notes: a.resolution_notes,
    created_at: a.created_at,
    updated_at: a.updated_at,
    /** Alerts of one client with the same cause are one card in the inbox and count once. */
    cause_key: a.cause_key ?? `alert:${a.id}`,
  };
}
export type ApiAlert = ReturnType<typeof toApiAlert>;

/** Whose live streams an alert goes to: its CSM's, its AE's, and the all-clients stream (VPs, admins). */
export function streamTargets(r: Pick<AlertWithClient, "csm_user_id" | "ae_user_id">): string[] {
  return [
    "all",
    ...(r.csm_user_id ? [`user:${r.csm_user_id}`] : []),
    ...(r.ae_user_id ? [`user:${r.ae_user_id}`] : []),
  ];
}
