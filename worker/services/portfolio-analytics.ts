import { clientScopeFor } from "#worker/core/access-policy";
import { addDays, daysBetween, isoDate } from "#worker/core/dates";
import { weakestComponent } from "#worker/core/health/explain";
import type { Db } from "#worker/db/client";
import {
  type AnalyticsScope,
  atRiskRows,
  breakdownRows,
  distributionRows,
  type RawRow,
  renewalRows,
} from "#worker/db/queries/portfolio-analytics";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { portfolioSummary } from "./clients";

// The executive summary (US-015-003): what the VP reads, over the caller's scope and optionally
// one CSM's book. Shared by `GET /analytics/*` and the executive summary page.

const num = (v: unknown): number => Number(v ?? 0);
const maybe = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));

function scopeOf(user: EthicoUserRow, csmId: string | undefined): AnalyticsScope {
  return { scope: clientScopeFor(user), csmId: csmId ?? null };
}

function audit(db: Db, user: EthicoUserRow, report: string, details: Record<string, unknown>) {
  return recordAudit(db, { user, action: "read", resourceType: `analytics.${report}`, outcome: "SUCCESS", details });
}

const toSegment = (r: RawRow) => ({
  key: r.key as string | null,
  label: r.label as string,
  clients: num(r.clients),
  arr: num(r.arr),
  avg_health: round(r.avg_health),
  at_risk: num(r.at_risk),
  arr_at_risk: num(r.arr_at_risk),
});

/** Summary cards with comparisons, plus breakdowns by tier, industry, CSM and region. */
export async function portfolioAnalytics(db: Db, user: EthicoUserRow, q: { csm_id?: string }, now: Date) {
  const s = scopeOf(user, q.csm_id);
  const [summary, parts] = await Promise.all([portfolioSummary(db, user, now, s.csmId), breakdownRows(db, s)]);
  await audit(db, user, "portfolio", { csm_id: s.csmId });
  return {
    as_of: isoDate(now),
    csm_id: s.csmId,
    ...summary,
    breakdowns: {
      tier: parts.tier.map(toSegment),
      industry: parts.industry.map(toSegment),
      csm: parts.csm.map(toSegment),
      region: parts.region.map(toSegment),
    },
  };
}

export const BANDS = [
  { key: "green", status: "HEALTHY", label: "Healthy (80+)", min: 80, max: 100 },
  { key: "yellow", status: "MONITOR", label: "Monitor (60–79)", min: 60, max: 79 },
  { key: "orange", status: "AT_RISK", label: "At risk (40–59)", min: 40, max: 59 },
  { key: "red", status: "CRITICAL", label: "Critical (< 40)", min: 0, max: 39 },
] as const;

/** Weekly dates ending today, `days` back (the last point is today). */
function weeklyDates(today: string, days: number): string[] {
  const out: string[] = [];
  for (let back = days - (days % 7); back > 0; back -= 7) out.push(addDays(today, -back));
  out.push(today);
  return out;
}

/** Band counts now and 30 days ago, and the portfolio's health over time (weekly). */
export async function healthDistribution(db: Db, user: EthicoUserRow, q: { csm_id?: string; days: number }, now: Date) {
  const s = scopeOf(user, q.csm_id);
  const today = isoDate(now);
  const previousDate = addDays(today, -30);
  const weekly = weeklyDates(today, q.days);
  const { current, history } = await distributionRows(db, s, [...weekly, previousDate]);
  const previous = history.find((h) => h.date === previousDate);
  await audit(db, user, "health_distribution", { csm_id: s.csmId, days: q.days });
  return {
    as_of: today,
    csm_id: s.csmId,
    clients: num(current.clients),
    unscored: num(current.unscored),
    avg_health: round(current.avg_health),
    bands: BANDS.map((b) => ({
      band: b.key,
      health_status: b.status,
      label: b.label,
      clients: num(current[b.key]),
      arr: num(current[`${b.key}_arr`]),
      previous_clients: previous ? num(previous[b.key]) : null,
    })),
    previous_period: { date: previousDate, avg_health: round(previous?.avg_health), clients: maybe(previous?.clients) },
    history: history
      .filter((h) => weekly.includes(h.date as string))
      .map((h) => ({
        date: h.date as string,
        clients: num(h.clients),
        avg_health: round(h.avg_health),
        green: num(h.green),
        yellow: num(h.yellow),
        orange: num(h.orange),
        red: num(h.red),
      })),
  };
}

const clientFacts = (r: RawRow, today: string) => ({
  id: r.id as string,
  name: r.name as string,
  contract_tier: r.contract_tier as string,
  industry: (r.industry as string | null) ?? null,
  current_health_score: maybe(r.current_health_score),
  health_status: r.health_status as string,
  health_trend: r.health_trend as string,
  health_trend_change: num(r.health_trend_change),
  churn_risk_score: maybe(r.churn_risk_score),
  annual_recurring_revenue: maybe(r.annual_recurring_revenue),
  next_renewal_date: (r.next_renewal_date as string | null) ?? null,
  days_to_renewal: r.next_renewal_date ? daysBetween(today, r.next_renewal_date as string) : null,
  last_csm_contact_at: (r.last_csm_contact_at as string | null) ?? null,
  csm: r.csm_id ? { id: r.csm_id as string, name: r.csm_name as string } : null,
});

/** At-risk and critical clients: totals, what drags them down most often, and the list. */
export async function atRiskSummary(db: Db, user: EthicoUserRow, q: { csm_id?: string; limit: number }, now: Date) {
  const s = scopeOf(user, q.csm_id);
  const today = isoDate(now);
  const { rows, totals } = await atRiskRows(db, s, q.limit);
  const weakestCount = new Map<string, number>();
  const clients = rows.map((r) => {
    const weakest = weakestComponent((k) => maybe(r[k]));
    if (weakest) weakestCount.set(weakest.component, (weakestCount.get(weakest.component) ?? 0) + 1);
    return { ...clientFacts(r, today), weakest_component: weakest };
  });
  await audit(db, user, "at_risk", { csm_id: s.csmId, returned: clients.length });
  return {
    as_of: today,
    csm_id: s.csmId,
    clients_at_risk: num(totals.clients),
    critical: num(totals.critical),
    declining: num(totals.declining),
    arr_at_risk: num(totals.arr),
    weakest_components: [...weakestCount]
      .map(([component, n]) => ({ component, clients: n }))
      .sort((a, b) => b.clients - a.clients),
    clients,
  };
}

/** Renewals in the next `days`: totals, by month, and the list soonest first. */
export async function upcomingRenewals(
  db: Db,
  user: EthicoUserRow,
  q: { csm_id?: string; days: number; limit: number },
  now: Date,
) {
  const s = scopeOf(user, q.csm_id);
  const today = isoDate(now);
  const { rows, months } = await renewalRows(db, s, today, addDays(today, q.days), q.limit);
  const byMonth = months.map((m) => ({
    month: m.month as string,
    clients: num(m.clients),
    arr: num(m.arr),
    at_risk: num(m.at_risk),
    arr_at_risk: num(m.arr_at_risk),
  }));
  await audit(db, user, "renewals", { csm_id: s.csmId, days: q.days });
  return {
    as_of: today,
    window_days: q.days,
    csm_id: s.csmId,
    clients: byMonth.reduce((t, m) => t + m.clients, 0),
    arr: byMonth.reduce((t, m) => t + m.arr, 0),
    at_risk: byMonth.reduce((t, m) => t + m.at_risk, 0),
    arr_at_risk: byMonth.reduce((t, m) => t + m.arr_at_risk, 0),
    by_month: byMonth,
    renewals: rows.map((r) => clientFacts(r, today)),
  };
}
