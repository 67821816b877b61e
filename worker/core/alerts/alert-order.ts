import type { AlertSeverity } from "#worker/core/enums";

// "AI prioritizes alerts by severity and opportunity cost": severity first, then what is at
// stake (ARR), then how soon it decides (renewal), then the newest.

export const SEVERITY_RANK: Record<AlertSeverity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

export function compareAlerts(
  a: { severity: AlertSeverity; arr: number | null; days_to_renewal: number | null; created_at: string },
  b: typeof a,
): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (b.arr ?? 0) - (a.arr ?? 0) ||
    (a.days_to_renewal ?? 9999) - (b.days_to_renewal ?? 9999) ||
    b.created_at.localeCompare(a.created_at)
  );
}
