import { daysBetween } from "./dates";

// Client benchmarking (PRD F7, US-015-030): cohorts, percentiles, gaps and look-alikes.
// Plain data in and out; the service loads the candidates and decides what may be named.

export const COHORT_TYPES = ["tier", "industry", "size", "tenure", "custom"] as const;
export type CohortType = (typeof COHORT_TYPES)[number];
export const CUSTOM_CRITERIA = ["tier", "industry", "size", "tenure", "region"] as const;
export type Criterion = (typeof CUSTOM_CRITERIA)[number];

export interface BenchmarkSubject {
  id: string;
  contract_tier: string;
  industry: string | null;
  employee_count: number | null;
  region: string | null;
  contract_start_date: string;
  go_live_date: string | null;
  health: number | null;
  usage: number | null;
  adoption: number | null;
  support: number | null;
  relationship: number | null;
}

/** Employee-count bands for the size cohort. */
export function sizeBand(employees: number | null): string | null {
  if (employees === null) return null;
  if (employees < 1000) return "Under 1,000 employees";
  if (employees < 5000) return "1,000–4,999 employees";
  if (employees < 20000) return "5,000–19,999 employees";
  return "20,000+ employees";
}

/** Time-as-customer bands for the tenure cohort. */
export function tenureBand(contractStart: string, today: string): string {
  const years = daysBetween(contractStart, today) / 365.25;
  if (years < 1) return "Under 1 year";
  if (years < 2) return "1–2 years";
  if (years < 4) return "2–4 years";
  return "4+ years";
}

export function criteriaFor(type: CohortType, custom: Criterion[]): Criterion[] {
  return type === "custom" ? custom : [type];
}

function valueOf(c: BenchmarkSubject, criterion: Criterion, today: string): string | null {
  switch (criterion) {
    case "tier":
      return c.contract_tier;
    case "industry":
      return c.industry ?? "Other";
    case "size":
      return sizeBand(c.employee_count);
    case "tenure":
      return tenureBand(c.contract_start_date, today);
    case "region":
      return c.region;
  }
}

/** Human description of the cohort ("Enterprise · Manufacturing"). */
export function describeCohort(subject: BenchmarkSubject, criteria: Criterion[], today: string): string {
  return criteria
    .map((k) => (k === "tier" ? titleCase(subject.contract_tier) : (valueOf(subject, k, today) ?? "Unknown")))
    .join(" · ");
}

export function inCohort(
  subject: BenchmarkSubject,
  candidate: BenchmarkSubject,
  criteria: Criterion[],
  today: string,
): boolean {
  return criteria.every((k) => {
    const v = valueOf(subject, k, today);
    return v !== null && valueOf(candidate, k, today) === v;
  });
}

/** Days from contract start to go-live: shorter is better. */
export function timeToValueDays(c: BenchmarkSubject): number | null {
  return c.go_live_date ? Math.max(0, daysBetween(c.contract_start_date, c.go_live_date)) : null;
}

// One percentile definition for every screen (core/metrics/percentile).
export { percentileRank } from "./metrics/percentile";
import { percentileRank } from "./metrics/percentile";

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const BENCHMARK_METRICS = [
  { key: "health", label: "Health score", unit: "points", higherIsBetter: true },
  { key: "usage", label: "Usage intensity", unit: "points", higherIsBetter: true },
  { key: "adoption", label: "Feature adoption", unit: "points", higherIsBetter: true },
  { key: "support", label: "Support health", unit: "points", higherIsBetter: true },
  { key: "relationship", label: "Relationship", unit: "points", higherIsBetter: true },
  { key: "time_to_value", label: "Time to value", unit: "days", higherIsBetter: false },
] as const;
export type BenchmarkMetricKey = (typeof BENCHMARK_METRICS)[number]["key"];

const metricValue = (c: BenchmarkSubject, key: BenchmarkMetricKey): number | null =>
  key === "time_to_value" ? timeToValueDays(c) : c[key];

export interface MetricComparison {
  metric: BenchmarkMetricKey;
  label: string;
  unit: string;
  value: number | null;
  cohort_average: number | null;
  cohort_median: number | null;
  /** 90th percentile performance: "best in class". */
  best_in_class: number | null;
  percentile: number | null;
  /** How far behind the cohort average (positive = behind), in the metric's unit. */
  gap: number | null;
  behind: boolean;
}

/** The subject against its cohort on every metric. */
export function compareToCohort(subject: BenchmarkSubject, cohort: BenchmarkSubject[]): MetricComparison[] {
  return BENCHMARK_METRICS.map((m) => {
    const values = cohort.map((c) => metricValue(c, m.key)).filter((v): v is number => v !== null);
    const sorted = [...values].sort((a, b) => a - b);
    const value = metricValue(subject, m.key);
    const avg = values.length ? values.reduce((t, v) => t + v, 0) / values.length : null;
    const gap = value === null || avg === null ? null : Math.round(m.higherIsBetter ? avg - value : value - avg);
    return {
      metric: m.key,
      label: m.label,
      unit: m.unit,
      value,
      cohort_average: avg === null ? null : Math.round(avg),
      cohort_median: sorted.length ? Math.round(quantile(sorted, 0.5)) : null,
      best_in_class: sorted.length ? Math.round(quantile(sorted, m.higherIsBetter ? 0.9 : 0.1)) : null,
      percentile: value === null || values.length === 0 ? null : percentileRank(value, values, m.higherIsBetter),
      gap,
      // Behind means a meaningful shortfall: 5 points, or 14 days for time to value.
      behind: gap !== null && gap >= (m.unit === "days" ? 14 : 5),
    };
  });
}

/** Distance between two clients on what makes them comparable (size, tenure, tier, industry). */
export function similarity(a: BenchmarkSubject, b: BenchmarkSubject, today: string): number {
  const logSize = (c: BenchmarkSubject) => Math.log10(Math.max(1, c.employee_count ?? 1));
  const years = (c: BenchmarkSubject) => daysBetween(c.contract_start_date, today) / 365.25;
  return (
    Math.abs(logSize(a) - logSize(b)) * 2 +
    Math.min(Math.abs(years(a) - years(b)), 5) / 2 +
    (a.contract_tier === b.contract_tier ? 0 : 1.5) +
    ((a.industry ?? "Other") === (b.industry ?? "Other") ? 0 : 1)
  );
}

/** Healthy cohort members (80+) most like the subject, most similar first. */
export function lookAlikes<T extends BenchmarkSubject>(
  subject: BenchmarkSubject,
  cohort: T[],
  today: string,
  n = 3,
): T[] {
  return cohort
    .filter((c) => c.id !== subject.id && c.health !== null && c.health >= 80)
    .map((c) => ({ c, d: similarity(subject, c, today) }))
    .sort((x, y) => x.d - y.d || (y.c.health ?? 0) - (x.c.health ?? 0) || x.c.id.localeCompare(y.c.id))
    .slice(0, n)
    .map((x) => x.c);
}

const IN_USE = new Set(["ACTIVE_USE", "POWER_USE"]);

/** Features the look-alike uses actively that the subject does not (yet), by feature key. */
export function featuresTheyUse(subject: Record<string, string>, lookAlike: Record<string, string>): string[] {
  return Object.entries(lookAlike)
    .filter(([key, status]) => IN_USE.has(status) && !IN_USE.has(subject[key] ?? "NOT_LICENSED"))
    .map(([key]) => key)
    .sort();
}

function titleCase(s: string): string {
  return s.charAt(0) + s.slice(1).toLowerCase();
}

/** What closing each gap usually takes: the playbook line shown in the gap table. */
export const GAP_ADVICE: Record<BenchmarkMetricKey, string> = {
  health: "Agree a success plan with the sponsor and review it monthly until the score recovers.",
  usage: "Run a re-engagement push: reach inactive users and re-train team leads on daily workflows.",
  adoption: "Offer enablement on licensed modules that sit unused; peers get value from them.",
  support: "Review open and recent tickets with support; escalate repeat issues to a fix plan.",
  relationship: "Book an executive touchpoint and widen contacts beyond the champion.",
  time_to_value: "Slow go-live: check that configuration and onboarding milestones are complete.",
};
