import { addDays } from "#worker/core/dates";

// THE usage change (issue 17): every screen, alert, risk factor, briefing and chat answer that
// says "DAU down N%" means the same thing: the average daily value over the last 30 days
// (today included) against the average over the 30 days before. A shorter window (7 days)
// reacts faster but swings with holidays and weekends; one window everywhere is what lets a CSM
// read the alert, the Usage tab and the churn factor as one fact.

export const USAGE_WINDOW_DAYS = 30;
/** How every screen names the comparison. */
export const USAGE_WINDOW_LABEL = "last 30 days vs the 30 before";
/** Below half an active user a day on average there is no baseline to compare against. */
export const MIN_BASELINE = 0.5;
/** Nor with fewer than 14 days of data in the 30 before (a client onboarded last month). */
export const MIN_BASELINE_DAYS = 14;

export interface UsageWindows {
  current: { from: string; to: string };
  previous: { from: string; to: string };
}

/** The two windows ending on `today` (inclusive dates). */
export function usageWindows(today: string): UsageWindows {
  return {
    current: { from: addDays(today, -(USAGE_WINDOW_DAYS - 1)), to: today },
    previous: { from: addDays(today, -(2 * USAGE_WINDOW_DAYS - 1)), to: addDays(today, -USAGE_WINDOW_DAYS) },
  };
}

/**
 * Unrounded percent change of the current average against the previous one; null without a
 * baseline (too low an average, or fewer than MIN_BASELINE_DAYS days of data behind it).
 */
export function usageChangeRaw(
  current: number | null,
  previous: number | null,
  previousDays: number = USAGE_WINDOW_DAYS,
): number | null {
  if (current === null || previous === null || previous < MIN_BASELINE || previousDays < MIN_BASELINE_DAYS) return null;
  return (100 * (current - previous)) / previous;
}

/** The figure shown to people: whole percent (halves away from zero, so "down 31%" reads the same however it is worded), null without a baseline. */
export function usageChangePct(
  current: number | null,
  previous: number | null,
  previousDays: number = USAGE_WINDOW_DAYS,
): number | null {
  const raw = usageChangeRaw(current, previous, previousDays);
  return raw === null ? null : roundPct(raw);
}

export function roundPct(raw: number): number {
  return Math.sign(raw) * Math.round(Math.abs(raw)) || 0;
}

/** Average of the days in a window that have a value (null when none do). */
export function windowAverage(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** "DAU down 31% (last 30 days vs the 30 before)", the one wording for a change. */
export function describeUsageChange(metric: string, pct: number | null): string {
  if (pct === null) return `${metric} change unknown (no baseline in the 30 days before)`;
  const dir = pct < 0 ? `down ${-pct}%` : pct > 0 ? `up ${pct}%` : "unchanged";
  return `${metric} ${dir} (${USAGE_WINDOW_LABEL})`;
}
