import { addDays, daysBetween } from "#worker/core/dates";
import { usageChangeRaw } from "#worker/core/metrics/usage-change";

import type { FactorGroup } from "./factor-text";

// What the churn model sees of a client on one observation date, computed from its history up
// to that date only (never after: the backtest depends on it). History comes in 15-day
// buckets counted back from the anchor date: bucket k covers the 15 days ending on
// anchor − 15k, so "the last 30 days" at observation k are buckets k and k+1.

export const BUCKET_DAYS = 15;
/** Buckets k..k+7 feed observation k: the last 60 days against the 60 before them. */
export const LOOKBACK_BUCKETS = 8;

export interface HealthSnap {
  overall: number;
  usage: number | null;
  adoption: number | null;
  support: number | null;
  relationship: number | null;
  contract: number | null;
  outcome?: number | null;
}
export interface BucketStats {
  dau: number | null;
  /** Days behind `dau` (weights the 30-day average). */ dau_days?: number;
  users: number | null;
  tickets: number;
  high_tickets: number;
  last_contact: string | null;
  nps: number | null;
  nps_at: string | null;
}

export interface ClientHistory {
  id: string;
  name: string;
  tier: string;
  arr: number | null;
  contract_start_date: string;
  go_live_date: string | null;
  next_renewal_date: string | null;
  churned_at: string | null;
  renewals: { date: string; outcome: "RENEWED" | "CHURNED" }[];
  /** Health snapshot on each observation date (anchor − 15k), by k. */
  health: Map<number, HealthSnap>;
  buckets: Map<number, BucketStats>;
}

/** Feature order is the model's column order; `factor` groups columns into explained factor groups (factor-text). */
export const FEATURES = [
  { key: "usage_score", factor: "usage_level" },
  { key: "dau_change_pct", factor: "usage_trend" },
  { key: "active_share_60d", factor: "usage_level" },
  { key: "active_share_drop", factor: "usage_trend" },
  { key: "adoption_score", factor: "adoption" },
  { key: "support_score", factor: "support" },
  { key: "high_tickets_30d", factor: "support" },
  { key: "tickets_30d", factor: "support" },
  { key: "relationship_score", factor: "relationship" },
  { key: "days_since_contact", factor: "relationship" },
  { key: "contract_score", factor: "sentiment" },
  { key: "nps", factor: "sentiment" },
  { key: "nps_detractor", factor: "sentiment" },
  { key: "health_change_30d", factor: "health_trend" },
  { key: "tenure_years", factor: "tenure" },
  { key: "years_since_go_live", factor: "tenure" },
  { key: "years_to_renewal", factor: "renewal_timing" },
  { key: "season_sin", factor: "seasonality" },
  { key: "season_cos", factor: "seasonality" },
  { key: "log_arr", factor: "account_size" },
  { key: "tier_enterprise", factor: "account_size" },
  { key: "tier_starter", factor: "account_size" },
] as const satisfies readonly { key: string; factor: FactorGroup }[];

export type FeatureKey = (typeof FEATURES)[number]["key"];
export type FactorKey = (typeof FEATURES)[number]["factor"];
/** null: not known on that date (imputed with the training mean, and lowers confidence). */
export type FeatureValues = Record<FeatureKey, number | null>;

/** The inputs whose absence makes a prediction less certain. */
const KEY_INPUTS: FeatureKey[] = [
  "usage_score",
  "dau_change_pct",
  "active_share_60d",
  "adoption_score",
  "support_score",
  "relationship_score",
  "contract_score",
  "nps",
  "health_change_30d",
];

export const observationDate = (anchor: string, k: number) => addDays(anchor, -BUCKET_DAYS * k);

/** The first renewal after `date`: a recorded renewal, or the client's next one. */
export function nextRenewalAfter(h: ClientHistory, date: string): string | null {
  const dates = [...h.renewals.map((r) => r.date), ...(h.next_renewal_date ? [h.next_renewal_date] : [])]
    .filter((d) => d > date)
    .sort();
  return dates[0] ?? null;
}

function mean(values: (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => v !== null && v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

export function featuresAt(
  h: ClientHistory,
  anchor: string,
  k: number,
): { values: FeatureValues; completeness: number } {
  const date = observationDate(anchor, k);
  const snap = h.health.get(k) ?? null;
  const earlier = h.health.get(k + 2) ?? null;
  const b = (j: number) => h.buckets.get(j);
  const share = (j: number) => {
    const s = b(j);
    return s && s.dau !== null && s.users ? s.dau / s.users : null;
  };
  const shareNow = mean([0, 1, 2, 3].map((i) => share(k + i)));
  const shareBefore = mean([4, 5, 6, 7].map((i) => share(k + i)));
  // Day-weighted, so the figure is exactly core/metrics/usage-change's 30 days vs the 30 before.
  // (A model input: the days-of-history floor of the displayed figure is not applied here, so
  // the model keeps seeing young clients' early usage as it was trained to.)
  const pooled = (js: number[]) => {
    let sum = 0;
    let days = 0;
    for (const j of js) {
      const s = b(j);
      if (s?.dau === null || s?.dau === undefined) continue;
      sum += s.dau * (s.dau_days ?? 1);
      days += s.dau_days ?? 1;
    }
    return days ? sum / days : null;
  };
  const dauNow = pooled([k, k + 1]);
  const dauBefore = pooled([k + 2, k + 3]);
  const dauChange = usageChangeRaw(dauNow, dauBefore);
  let lastContact: string | null = null;
  let nps: number | null = null;
  let npsAt = "";
  // Buckets at or before the observation date only.
  for (const [j, s] of h.buckets) {
    if (j < k) continue;
    if (s.last_contact && s.last_contact <= `${date}T23:59:59Z` && (!lastContact || s.last_contact > lastContact))
      lastContact = s.last_contact;
    if (s.nps !== null && s.nps_at && s.nps_at > npsAt) {
      nps = s.nps;
      npsAt = s.nps_at;
    }
  }
  const renewal = nextRenewalAfter(h, date);
  const toRenewal = renewal ? daysBetween(date, renewal) : null;
  const month = Number(date.slice(5, 7)) - 1;
  const values: FeatureValues = {
    usage_score: snap?.usage ?? null,
    dau_change_pct: dauChange === null ? null : Math.max(-100, Math.min(200, dauChange)),
    active_share_60d: shareNow,
    active_share_drop: shareNow !== null && shareBefore !== null ? shareBefore - shareNow : null,
    adoption_score: snap?.adoption ?? null,
    support_score: snap?.support ?? null,
    high_tickets_30d: (b(k)?.high_tickets ?? 0) + (b(k + 1)?.high_tickets ?? 0),
    tickets_30d: (b(k)?.tickets ?? 0) + (b(k + 1)?.tickets ?? 0),
    relationship_score: snap?.relationship ?? null,
    days_since_contact: lastContact ? Math.min(365, daysBetween(lastContact, date)) : 365,
    contract_score: snap?.contract ?? null,
    nps,
    nps_detractor: nps !== null && nps <= 6 ? 1 : 0,
    health_change_30d: snap && earlier ? snap.overall - earlier.overall : null,
    tenure_years: Math.max(0, daysBetween(h.contract_start_date, date) / 365),
    years_since_go_live: h.go_live_date && h.go_live_date <= date ? daysBetween(h.go_live_date, date) / 365 : 0,
    // The model learns from the last 90 days before renewals: further out reads as 90 days.
    years_to_renewal: toRenewal === null ? 90 / 365 : Math.min(90, toRenewal) / 365,
    season_sin: Math.sin((2 * Math.PI * month) / 12),
    season_cos: Math.cos((2 * Math.PI * month) / 12),
    log_arr: Math.log10(Math.max(1_000, h.arr ?? 1_000)),
    tier_enterprise: h.tier === "ENTERPRISE" ? 1 : 0,
    tier_starter: h.tier === "STARTER" ? 1 : 0,
  };
  const completeness = KEY_INPUTS.filter((f) => values[f] !== null).length / KEY_INPUTS.length;
  return { values, completeness };
}

/**
 * What happened at the first renewal after the observation date: 1 churned, 0 renewed, null
 * when it had not happened by `knownBy` (or was never recorded).
 */
export function nextRenewalLabel(h: ClientHistory, date: string, knownBy: string): 0 | 1 | null {
  const next = h.renewals.filter((r) => r.date > date).sort((a, b) => a.date.localeCompare(b.date))[0];
  if (!next || next.date > knownBy) return null;
  // A scheduled renewal that came before the recorded one means a gap in the record: unknown.
  if (h.next_renewal_date && h.next_renewal_date > date && h.next_renewal_date < next.date) return null;
  return next.outcome === "CHURNED" ? 1 : 0;
}

/** Did the client churn at a renewal in (date, date + horizon]? null when that is not yet known. */
export function churnLabel(h: ClientHistory, anchor: string, k: number, horizon: number): 0 | 1 | null {
  const date = observationDate(anchor, k);
  const end = addDays(date, horizon);
  if (h.renewals.some((r) => r.outcome === "CHURNED" && r.date > date && r.date <= end)) return 1;
  return end <= anchor ? 0 : null;
}

/** An observation is usable when the client was a client then and had a health score. */
export function isObservable(h: ClientHistory, anchor: string, k: number): boolean {
  const date = observationDate(anchor, k);
  if (!h.health.has(k)) return false;
  if (date < h.contract_start_date) return false;
  return !(h.churned_at && h.churned_at.slice(0, 10) <= date);
}
