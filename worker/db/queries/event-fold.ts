import { type SQL, sql } from "drizzle-orm";

import { addDays } from "#worker/core/dates";
import { MODULES } from "#worker/core/enums";
import { FEATURE_OF_EVENT } from "#worker/core/platform-events";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

// Folds a chunk of accepted platform events into the usage tables in ONE D1 batch (one
// transaction). Events are staged in ingested_events with INSERT OR IGNORE; every following
// statement reads only staged rows still marked unprocessed, and the last marks them processed.
// A redelivered chunk therefore finds nothing new, and a failed batch rolls everything back.

export interface ResolvedEvent {
  event_id: string;
  client_id: string;
  type: string;
  occurred_at: string; // ISO UTC
  user_id?: string;
  [field: string]: unknown;
}

/** Sums two JSON objects of counts key by key. */
const jsonSum = (
  a: SQL,
  b: SQL,
) => sql`(SELECT json_group_object(key, total) FROM (SELECT key, sum(value) AS total FROM (
  SELECT key, value FROM json_each(coalesce(${a}, '{}')) UNION ALL SELECT key, value FROM json_each(coalesce(${b}, '{}'))) GROUP BY key))`;

const DAY = sql`substr(occurred_at, 1, 10)`;
const HOUR = sql`CAST(substr(occurred_at, 12, 2) AS INTEGER)`;
const DOW = sql`substr('sunmontuewedthufrisat', CAST(strftime('%w', substr(occurred_at, 1, 10)) AS INTEGER) * 3 + 1, 3)`;

export async function foldEvents(
  db: Db,
  events: ResolvedEvent[],
  now: Date,
): Promise<{ newEvents: number; clientIds: string[] }> {
  const stamp = now.toISOString();
  const today = stamp.slice(0, 10);
  const ids = JSON.stringify(events.map((e) => e.event_id));
  const staged = sql`(SELECT * FROM ingested_events WHERE processed = 0 AND event_id IN (SELECT value FROM json_each(${ids})))`;
  const featureCase = sql.raw(
    `CASE type ${Object.entries(FEATURE_OF_EVENT)
      .map(([t, f]) => `WHEN '${t}' THEN '${f}'`)
      .join(" ")} WHEN 'action' THEN json_extract(payload, '$.feature') END`,
  );
  const moduleCounts = sql.raw(
    `json_object(${MODULES.map((m) => `'${m}', sum(type = 'action' AND json_extract(payload, '$.module') = '${m}')`).join(", ")})`,
  );
  const count = (type: string) => sql.raw(`sum(type = '${type}')`);

  const statements: SQL[] = [
    sql`INSERT OR IGNORE INTO ingested_events (event_id, client_id, type, occurred_at, user_id, payload, processed, received_at)
      SELECT json_extract(value, '$.event_id'), json_extract(value, '$.client_id'), json_extract(value, '$.type'),
        json_extract(value, '$.occurred_at'), json_extract(value, '$.user_id'), value, 0, ${stamp}
      FROM json_each(${JSON.stringify(events)})`,
    // Users the platform reports before we have seen them: known by id until the platform names them.
    sql`INSERT OR IGNORE INTO platform_users (id, client_id, display_name, role_title, registered_on, is_active, created_at)
      SELECT user_id, client_id, user_id, NULL, min(${DAY}), 1, ${stamp} FROM ${staged} WHERE user_id IS NOT NULL GROUP BY user_id`,
    sql`INSERT INTO user_daily_activity (client_id, user_id, date, logins, sessions, actions, duration_seconds, modules, first_login_hour)
      SELECT client_id, user_id, ${DAY}, ${count("login")}, ${count("login")}, ${count("action")},
        coalesce(sum(CASE WHEN type = 'session_end' THEN json_extract(payload, '$.duration_seconds') END), 0),
        ${moduleCounts}, min(CASE WHEN type = 'login' THEN ${HOUR} END)
      FROM ${staged} WHERE user_id IS NOT NULL AND type IN ('login', 'action', 'session_end')
        AND user_id IN (SELECT id FROM platform_users) GROUP BY client_id, user_id, ${DAY}
      ON CONFLICT (user_id, date) DO UPDATE SET logins = logins + excluded.logins, sessions = sessions + excluded.sessions,
        actions = actions + excluded.actions, duration_seconds = duration_seconds + excluded.duration_seconds,
        modules = ${jsonSum(sql`user_daily_activity.modules`, sql`excluded.modules`)},
        first_login_hour = coalesce(min(first_login_hour, excluded.first_login_hour), first_login_hour, excluded.first_login_hour)`,
    sql`WITH day AS (
        SELECT client_id, ${DAY} AS d, ${count("login")} AS logins, ${count("action")} AS actions,
          coalesce(sum(CASE WHEN type = 'session_end' THEN json_extract(payload, '$.duration_seconds') END), 0) AS duration,
          ${count("case_created")} AS cc, ${count("case_closed")} AS ccl, ${count("report_run")} AS rr,
          ${count("disclosure_submitted")} AS ds, ${count("policy_viewed")} AS pv, ${count("chatbot_conversation")} AS cb,
          max(CASE WHEN type = 'login' THEN ${DOW} END) AS dow
        FROM ${staged} GROUP BY client_id, ${DAY}),
      hours AS (SELECT client_id, d, json_group_object(CAST(h AS TEXT), n) AS j FROM (
        SELECT client_id, ${DAY} AS d, ${HOUR} AS h, count(*) AS n FROM ${staged} WHERE type = 'login' GROUP BY 1, 2, 3) GROUP BY client_id, d)
      INSERT INTO client_usage_metrics (id, client_id, date, total_sessions, avg_session_duration_seconds, avg_session_depth, total_actions,
        cases_created, cases_closed, reports_run, disclosures_submitted, policies_viewed, chatbot_conversations, logins_by_hour, logins_by_day_of_week, created_at)
      SELECT 'um_' || day.client_id || '_' || day.d, day.client_id, day.d, logins, CASE WHEN logins > 0 THEN duration / logins END,
        CASE WHEN logins > 0 THEN round(actions * 1.0 / logins, 2) END, actions, cc, ccl, rr, ds, pv, cb,
        coalesce(hours.j, '{}'), CASE WHEN logins > 0 THEN json_object(dow, logins) ELSE '{}' END, ${stamp}
      FROM day LEFT JOIN hours ON hours.client_id = day.client_id AND hours.d = day.d WHERE true
      ON CONFLICT (client_id, date) DO UPDATE SET
        avg_session_duration_seconds = CASE WHEN total_sessions + excluded.total_sessions > 0 THEN
          (coalesce(avg_session_duration_seconds, 0) * total_sessions + coalesce(excluded.avg_session_duration_seconds, 0) * excluded.total_sessions) / (total_sessions + excluded.total_sessions) END,
        avg_session_depth = CASE WHEN total_sessions + excluded.total_sessions > 0 THEN round(
          (coalesce(avg_session_depth, 0) * total_sessions + coalesce(excluded.avg_session_depth, 0) * excluded.total_sessions) / (total_sessions + excluded.total_sessions), 2) END,
        total_sessions = total_sessions + excluded.total_sessions, total_actions = total_actions + excluded.total_actions,
        cases_created = cases_created + excluded.cases_created, cases_closed = cases_closed + excluded.cases_closed,
        reports_run = reports_run + excluded.reports_run, disclosures_submitted = disclosures_submitted + excluded.disclosures_submitted,
        policies_viewed = policies_viewed + excluded.policies_viewed, chatbot_conversations = chatbot_conversations + excluded.chatbot_conversations,
        logins_by_hour = ${jsonSum(sql`client_usage_metrics.logins_by_hour`, sql`excluded.logins_by_hour`)},
        logins_by_day_of_week = ${jsonSum(sql`client_usage_metrics.logins_by_day_of_week`, sql`excluded.logins_by_day_of_week`)}`,
    // Distinct-user counts are recomputed (not added) for each touched day, and for today when a
    // touched day is inside today's 30-day window.
    sql`WITH touched AS (
        SELECT DISTINCT client_id, ${DAY} AS d FROM ${staged} WHERE user_id IS NOT NULL
        UNION SELECT DISTINCT client_id, ${today} FROM ${staged} WHERE user_id IS NOT NULL AND occurred_at >= ${addDays(today, -29)})
      UPDATE client_usage_metrics SET
        daily_active_users = (SELECT count(DISTINCT user_id) FROM user_daily_activity u WHERE u.client_id = client_usage_metrics.client_id AND u.date = client_usage_metrics.date),
        weekly_active_users = (SELECT count(DISTINCT user_id) FROM user_daily_activity u WHERE u.client_id = client_usage_metrics.client_id
          AND u.date BETWEEN date(client_usage_metrics.date, '-6 days') AND client_usage_metrics.date),
        monthly_active_users = (SELECT count(DISTINCT user_id) FROM user_daily_activity u WHERE u.client_id = client_usage_metrics.client_id
          AND u.date BETWEEN date(client_usage_metrics.date, '-29 days') AND client_usage_metrics.date),
        total_users = (SELECT count(*) FROM platform_users p WHERE p.client_id = client_usage_metrics.client_id AND p.registered_on <= client_usage_metrics.date),
        new_users = (SELECT count(*) FROM platform_users p WHERE p.client_id = client_usage_metrics.client_id AND p.registered_on = client_usage_metrics.date)
      WHERE (client_id, date) IN (SELECT client_id, d FROM touched)`,
    sql`INSERT INTO feature_daily_usage (client_id, feature_key, date, uses)
      SELECT client_id, fk, d, count(*) FROM (SELECT client_id, ${featureCase} AS fk, ${DAY} AS d FROM ${staged}) WHERE fk IS NOT NULL GROUP BY 1, 2, 3
      ON CONFLICT (client_id, feature_key, date) DO UPDATE SET uses = uses + excluded.uses`,
    sql`INSERT OR IGNORE INTO support_tickets (id, client_id, external_id, subject, severity, status, module, opened_at, created_at)
      SELECT 'tkt_' || event_id, client_id, json_extract(payload, '$.ticket_id'), coalesce(json_extract(payload, '$.subject'), 'Support ticket'),
        json_extract(payload, '$.severity'), 'OPEN', json_extract(payload, '$.module'), occurred_at, ${stamp}
      FROM ${staged} WHERE type = 'support_ticket_opened'`,
    sql`UPDATE support_tickets SET status = 'CLOSED', closed_at = (SELECT max(occurred_at) FROM ${staged} s
        WHERE s.type = 'support_ticket_closed' AND s.client_id = support_tickets.client_id AND json_extract(s.payload, '$.ticket_id') = support_tickets.external_id)
      WHERE status = 'OPEN' AND (client_id, external_id) IN (SELECT client_id, json_extract(payload, '$.ticket_id') FROM ${staged} WHERE type = 'support_ticket_closed')`,
    sql`INSERT OR IGNORE INTO survey_responses (id, client_id, kind, score, respondent_user_id, responded_at, created_at)
      SELECT 'srv_' || event_id, client_id, CASE type WHEN 'nps_response' THEN 'NPS' ELSE 'CSAT' END, json_extract(payload, '$.score'), user_id, occurred_at, ${stamp}
      FROM ${staged} WHERE type IN ('nps_response', 'csat_response')`,
    sql`UPDATE clients SET payment_status = (SELECT json_extract(payload, '$.status') FROM ${staged} s
        WHERE s.type = 'payment_status' AND s.client_id = clients.id ORDER BY occurred_at DESC LIMIT 1), updated_at = ${stamp}
      WHERE id IN (SELECT client_id FROM ${staged} WHERE type = 'payment_status')`,
    sql`UPDATE clients SET last_activity_at = (SELECT max(occurred_at) FROM ${staged} s WHERE s.client_id = clients.id AND s.user_id IS NOT NULL)
      WHERE id IN (SELECT client_id FROM ${staged} WHERE user_id IS NOT NULL)
        AND (last_activity_at IS NULL OR last_activity_at < (SELECT max(occurred_at) FROM ${staged} s WHERE s.client_id = clients.id AND s.user_id IS NOT NULL))`,
    sql`SELECT count(*) AS n, json_group_array(DISTINCT client_id) AS clients FROM ${staged}`,
    sql`UPDATE ingested_events SET processed = 1 WHERE processed = 0 AND event_id IN (SELECT value FROM json_each(${ids}))`,
  ];
  const results = await rawBatch(db, statements);
  const summary = results[results.length - 2][0] as { n: number; clients: string };
  return { newEvents: Number(summary.n), clientIds: JSON.parse(summary.clients) as string[] };
}
