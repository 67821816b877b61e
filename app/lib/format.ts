import { daysBetween } from "#worker/core/dates";

// Display formatting shared by the pages. Pure functions of their inputs.

export function formatUsd(value: number | null): string {
  if (value === null) return "—";
  if (value >= 1_000_000) return `$${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 1_000) return `$${Math.round(value / 1_000)}K`;
  return `$${value}`;
}

export function formatUsdFull(value: number | null): string {
  return value === null ? "—" : `$${value.toLocaleString("en-US")}`;
}

export function formatDate(value: string | null): string {
  if (!value) return "—";
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return d.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** Calendar days (UTC) since an instant: yesterday evening is "1 day ago" even at 9 am. */
export function daysAgo(value: string | null, now: Date): string {
  if (!value) return "never";
  const days = daysBetween(value, now.toISOString());
  if (days <= 0) return "today";
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

export const TREND_ARROW = { UP: "↑", DOWN: "↓", FLAT: "→" } as const;

const ACRONYMS = new Set(["QBR", "API", "CSM", "AE", "VP", "NPS", "CSAT"]);

/** ENUM_VALUE → "Enum Value", keeping acronyms such as QBR whole. */
export function titleCase(value: string): string {
  return value
    .split("_")
    .map((w) => (ACRONYMS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join(" ");
}
