import { addDays, daysBetween, isoDate } from "#worker/core/dates";
import { engagementStatus, metricTrend } from "#worker/core/engagement";
import { modulesUsed } from "#worker/core/metrics/modules-used";
import { USAGE_WINDOW_LABEL, usageChangePct } from "#worker/core/metrics/usage-change";
import type { Db } from "#worker/db/client";
import { heatmapData, usageSummaryData, usersData } from "#worker/db/queries/usage";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope } from "./client-access";

// Usage analytics for one client (PRD F4, US-015-010/012): aggregates only, no contact details.

export async function clientForRead(db: Db, user: EthicoUserRow, clientId: string, resourceType: string) {
  const client = await clientInScope(db, user, clientId, { action: "read", resourceType });
  await recordAudit(db, { user, action: "read", resourceType, resourceId: clientId, outcome: "SUCCESS" });
  return client;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function getUsage(db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const client = await clientForRead(db, user, clientId, "client_usage");
  const today = isoDate(now);
  const d = await usageSummaryData(db, client.id, client.contract_tier, today);
  // Each metric: its average over the last 30 days against the 30 before (the one change every
  // screen shows), its 90-day level and the tier cohort's per-client average over the same 30 days.
  const metric = (key: "dau" | "wau" | "mau") => {
    const current = num(d.current?.[key]);
    const previous = num(d.previous?.[key]);
    const change = usageChangePct(current, previous, Number(d.previous?.days ?? 0));
    const cohort = num(d.cohort?.[key]);
    const baseline = num(d.baseline?.[key]);
    return {
      current: current === null ? null : round1(current),
      previous_30d: previous === null ? null : round1(previous),
      change_pct: change,
      window: USAGE_WINDOW_LABEL,
      trend: metricTrend(change),
      baseline_90d: baseline === null ? null : round1(baseline),
      tier_cohort_average: cohort === null ? null : round1(cohort),
    };
  };
  const dau = num(d.current?.dau);
  const mau = num(d.current?.mau);
  const sessions = Number(d.sessions30?.sessions ?? 0);
  const activity = d.activity.map((a) => Number(a.actions));
  const powerCount = Math.ceil(activity.filter((a) => a > 0).length * 0.2);
  const modules = modulesUsed(d.adoption);
  return {
    client_id: client.id,
    as_of: (d.latest?.date as string | undefined) ?? null,
    period: "30 days",
    window: USAGE_WINDOW_LABEL,
    daily_active_users: metric("dau"),
    weekly_active_users: metric("wau"),
    monthly_active_users: metric("mau"),
    total_users: num(d.latest?.total_users),
    licensed_user_count: client.licensed_user_count,
    stickiness_dau_mau: dau !== null && mau ? Math.round((dau / mau) * 100) / 100 : null,
    sessions: {
      total_30d: sessions,
      avg_duration_seconds: sessions ? Math.round(Number(d.sessions30?.duration ?? 0) / sessions) : null,
      avg_depth_actions: sessions ? round1(Number(d.sessions30?.actions ?? 0) / sessions) : null,
    },
    feature_breadth: {
      modules_used_30d: modules.used,
      modules_licensed: modules.licensed,
      ratio: modules.ratio,
      modules_unused: modules.unused,
    },
    power_users: {
      count: powerCount,
      share_of_actions_pct: activity.length
        ? Math.round(
            (100 * activity.slice(0, powerCount).reduce((a, b) => a + b, 0)) /
              Math.max(
                1,
                activity.reduce((a, b) => a + b, 0),
              ),
          )
        : null,
    },
  };
}

export async function getUsageUsers(db: Db, user: EthicoUserRow, clientId: string, now: Date) {
  const client = await clientForRead(db, user, clientId, "client_usage_users");
  const today = isoDate(now);
  const rows = await usersData(db, client.id, today);
  const active = rows.filter((r) => Number(r.actions_30d) > 0);
  const powerCut = Math.ceil(active.length * 0.2);
  const topIds = new Set(
    [...active]
      .sort((a, b) => Number(b.actions_30d) - Number(a.actions_30d))
      .slice(0, powerCut)
      .map((r) => r.id),
  );
  return {
    client_id: client.id,
    data: rows.map((r) => {
      // Older logins than the retained daily activity still show through the contact record.
      const last =
        (r.last_login_date as string | null) ?? (r.contact_last_login as string | null)?.slice(0, 10) ?? null;
      const daysSince = last ? daysBetween(last, today) : null;
      const status = engagementStatus({
        daysSinceLogin: daysSince,
        sessionsRecent15: Number(r.sessions_recent15),
        sessionsPrior15: Number(r.sessions_prior15),
      });
      return {
        user_id: String(r.id),
        name: String(r.display_name),
        role: (r.role_title as string | null) ?? null,
        last_login: last,
        days_since_login: daysSince,
        sessions_30d: Number(r.sessions_30d),
        primary_activities: Object.keys(JSON.parse(String(r.top_modules ?? "{}"))),
        status,
        inactive_14_days: status === "INACTIVE",
        champion: r.contact_role === "CHAMPION",
        power_user: topIds.has(r.id),
        key_stakeholder:
          r.contact_role && r.contact_role !== "USER"
            ? { role: String(r.contact_role), title: (r.contact_title as string | null) ?? null }
            : null,
      };
    }),
  };
}

export async function getHeatmap(db: Db, user: EthicoUserRow, clientId: string, days: number, now: Date) {
  const client = await clientForRead(db, user, clientId, "client_usage_heatmap");
  const today = isoDate(now);
  const rows = await heatmapData(db, client.id, addDays(today, -(days - 1)), today);
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of rows) grid[Number(r.dow)][Number(r.hour)] = Number(r.logins);
  const labels = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
  let peak: { day: string; hour: number; logins: number } | null = null;
  for (const r of rows)
    if (Number(r.logins) > (peak?.logins ?? 0))
      peak = { day: labels[Number(r.dow)], hour: Number(r.hour), logins: Number(r.logins) };
  return {
    client_id: client.id,
    days,
    timezone: "UTC",
    weekdays: labels,
    logins: labels.map((day, i) => ({ day, hours: grid[i] })),
    peak,
  };
}
