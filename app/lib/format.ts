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

export function daysAgo(value: string | null, now: Date): string {
  if (!value) return "never";
  const days = Math.floor((now.getTime() - Date.parse(value)) / 86_400_000);
  if (days <= 0) return "today";
  return days === 1 ? "1 day ago" : `${days} days ago`;
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

export const TREND_ARROW = { UP: "↑", DOWN: "↓", FLAT: "→" } as const;

export function titleCase(value: string): string {
  return value
    .toLowerCase()
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
