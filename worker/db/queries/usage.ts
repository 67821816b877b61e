import { sql } from "drizzle-orm";
import { addDays } from "../../core/dates";
import type { Db } from "../client";
import { rawBatch, type RawRow } from "../raw-batch";

// Reads behind GET /clients/:id/usage, /usage/users and /usage/heatmap. Each is one D1 batch.

export async function usageSummaryData(db: Db, clientId: string, tier: string, today: string) {
  const recentFrom = addDays(today, -6);
  const baselineFrom = addDays(today, -97);
  const baselineTo = addDays(today, -7);
  const [recent, baseline, latest, cohort, sessions30, breadth, power] = await rawBatch(db, [
    sql`SELECT avg(daily_active_users) AS dau FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${recentFrom} AND ${today}`,
    sql`SELECT avg(daily_active_users) AS dau, avg(weekly_active_users) AS wau, avg(monthly_active_users) AS mau
      FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${baselineFrom} AND ${baselineTo}`,
    sql`SELECT date, weekly_active_users AS wau, monthly_active_users AS mau, total_users FROM client_usage_metrics
      WHERE client_id = ${clientId} AND date <= ${today} ORDER BY date DESC LIMIT 1`,
    // The tier cohort on the same day (the latest day this client has).
    sql`SELECT avg(m.daily_active_users) AS dau, avg(m.weekly_active_users) AS wau, avg(m.monthly_active_users) AS mau, count(*) AS n
      FROM client_usage_metrics m JOIN clients c ON c.id = m.client_id
      WHERE c.contract_tier = ${tier} AND c.account_status = 'ACTIVE'
        AND m.date = (SELECT max(date) FROM client_usage_metrics WHERE client_id = ${clientId} AND date <= ${today})`,
    sql`SELECT sum(total_sessions) AS sessions, sum(total_actions) AS actions,
        sum(coalesce(avg_session_duration_seconds, 0) * total_sessions) AS duration
      FROM client_usage_metrics WHERE client_id = ${clientId} AND date BETWEEN ${addDays(today, -29)} AND ${today}`,
    sql`SELECT count(DISTINCT m.key) AS used FROM user_daily_activity u, json_each(u.modules) m
      WHERE u.client_id = ${clientId} AND u.date BETWEEN ${addDays(today, -29)} AND ${today} AND m.value > 0`,
    sql`SELECT user_id, sum(actions) AS actions FROM user_daily_activity
      WHERE client_id = ${clientId} AND date BETWEEN ${addDays(today, -29)} AND ${today} GROUP BY user_id ORDER BY actions DESC`,
  ]);
  return { recent: recent[0], baseline: baseline[0], latest: latest[0], cohort: cohort[0], sessions30: sessions30[0], modulesUsed: Number(breadth[0]?.used ?? 0), activity: power };
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
