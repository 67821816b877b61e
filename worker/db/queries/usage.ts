import { sql } from "drizzle-orm";

import { addDays } from "#worker/core/dates";
import { usageWindows } from "#worker/core/metrics/usage-change";
import type { Db } from "#worker/db/client";
import { rawBatch, type RawRow } from "#worker/db/raw-batch";

// Reads behind GET /clients/:id/usage, /usage/users and /usage/heatmap. Each is one D1 batch.

/**
 * Usage windows for one client (core/metrics/usage-change: the last 30 days against the 30
 * before), its 90-day level, its tier cohort's per-client averages over the same 30 days, and
 * its adoption rows (for modules used).
 */
export async function usageSummaryData(db: Db, clientId: string, tier: string, today: string) {
  const w = usageWindows(today);
  const avgs = sql`avg(daily_active_users) AS dau, avg(weekly_active_users) AS wau, avg(monthly_active_users) AS mau`;
  const [current, previous, baseline, latest, cohort, sessions30, adoption, power] = await rawBatch(db, [
    sql`SELECT ${avgs} FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${w.current.from} AND ${w.current.to}`,
    sql`SELECT ${avgs}, count(daily_active_users) AS days FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${w.previous.from} AND ${w.previous.to}`,
    sql`SELECT ${avgs} FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${addDays(today, -89)} AND ${today}`,
    sql`SELECT date, total_users FROM client_usage_metrics WHERE client_id = ${clientId} AND date <= ${today} ORDER BY date DESC LIMIT 1`,
    // The tier cohort: each active client's own average over the same 30 days, then averaged
    // across clients, so DAU, WAU and MAU compare like with like (not one day's snapshot).
    sql`SELECT avg(dau) AS dau, avg(wau) AS wau, avg(mau) AS mau, count(*) AS n FROM (
        SELECT m.client_id, avg(m.daily_active_users) AS dau, avg(m.weekly_active_users) AS wau, avg(m.monthly_active_users) AS mau
        FROM client_usage_metrics m JOIN clients c ON c.id = m.client_id
        WHERE c.contract_tier = ${tier} AND c.account_status = 'ACTIVE' AND m.date BETWEEN ${w.current.from} AND ${w.current.to}
        GROUP BY m.client_id)`,
    sql`SELECT sum(total_sessions) AS sessions, sum(total_actions) AS actions,
        sum(coalesce(avg_session_duration_seconds, 0) * total_sessions) AS duration
      FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${w.current.from} AND ${w.current.to}`,
    sql`SELECT module, is_licensed, adoption_status FROM client_feature_adoptions WHERE client_id = ${clientId}`,
    sql`SELECT user_id, sum(actions) AS actions FROM user_daily_activity
      WHERE client_id = ${clientId} AND date BETWEEN ${w.current.from} AND ${w.current.to} GROUP BY user_id ORDER BY actions DESC`,
  ]);
  return {
    current: current[0],
    previous: previous[0],
    baseline: baseline[0],
    latest: latest[0],
    cohort: cohort[0],
    sessions30: sessions30[0],
    adoption: adoption.map((r) => ({
      module: String(r.module),
      is_licensed: Number(r.is_licensed),
      adoption_status: String(r.adoption_status),
    })),
    activity: power,
  };
}

export async function usersData(db: Db, clientId: string, today: string): Promise<RawRow[]> {
  const [rows] = await rawBatch(db, [
    sql`SELECT p.id, p.display_name, p.role_title, p.registered_on,
        max(u.date) AS last_login_date,
        coalesce(sum(u.sessions) FILTER (WHERE u.date >= ${addDays(today, -29)}), 0) AS sessions_30d,
        coalesce(sum(u.sessions) FILTER (WHERE u.date >= ${addDays(today, -14)}), 0) AS sessions_recent15,
        coalesce(sum(u.sessions) FILTER (WHERE u.date BETWEEN ${addDays(today, -29)} AND ${addDays(today, -15)}), 0) AS sessions_prior15,
        coalesce(sum(u.actions) FILTER (WHERE u.date >= ${addDays(today, -29)}), 0) AS actions_30d,
        (SELECT json_group_object(key, total) FROM (SELECT m.key, sum(m.value) AS total FROM user_daily_activity u2, json_each(u2.modules) m
           WHERE u2.user_id = p.id AND u2.date >= ${addDays(today, -29)} GROUP BY m.key ORDER BY total DESC LIMIT 3)) AS top_modules,
        c.role AS contact_role, c.title AS contact_title, c.last_platform_login AS contact_last_login
      FROM platform_users p
      LEFT JOIN user_daily_activity u ON u.user_id = p.id AND u.date <= ${today}
      LEFT JOIN client_contacts c ON c.user_id = p.id AND c.is_active
      WHERE p.client_id = ${clientId} AND p.is_active
      GROUP BY p.id ORDER BY sessions_30d DESC, p.display_name`,
  ]);
  return rows;
}

export async function heatmapData(db: Db, clientId: string, from: string, today: string): Promise<RawRow[]> {
  const [rows] = await rawBatch(db, [
    sql`SELECT CAST(strftime('%w', m.date) AS INTEGER) AS dow, CAST(h.key AS INTEGER) AS hour, sum(h.value) AS logins
      FROM client_usage_metrics m, json_each(coalesce(m.logins_by_hour, '{}')) h
      WHERE m.client_id = ${clientId} AND m.date BETWEEN ${from} AND ${today} GROUP BY 1, 2`,
  ]);
  return rows;
}
