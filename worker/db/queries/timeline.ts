import { type SQL, sql } from "drizzle-orm";

import { addDays } from "#worker/core/dates";
import { HEALTH_CHANGE_POINTS, type TimelineType } from "#worker/core/inputs/timeline";
import type { Db } from "#worker/db/client";
import { rawBatch } from "#worker/db/raw-batch";

// One stream of everything that happened with a client (US-015-041), newest first.
// Each source maps to (type, id, at, title, detail, actor, tag); private notes only for their author.

export interface TimelineItem {
  type: TimelineType;
  id: string;
  at: string;
  title: string;
  detail: string;
  actor: string | null;
  tag: string | null;
}

export interface TimelineFilter {
  types: TimelineType[];
  q: string | null;
  from: string; // YYYY-MM-DD
  to: string;
  limit: number;
  offset: number;
}

const band = (col: string) =>
  sql.raw(
    `CASE WHEN ${col} >= 80 THEN 'HEALTHY' WHEN ${col} >= 60 THEN 'MONITOR' WHEN ${col} >= 40 THEN 'AT_RISK' ELSE 'CRITICAL' END`,
  );

// D1 limits the terms of a compound SELECT, so the sources run as two UNION ALL groups of four
// (same columns), each counted and cut to the page, and are merged here.
function streams(clientId: string, viewerId: string, from: string): [SQL, SQL] {
  const first = sql`
    SELECT 'activity' AS type, a.id, a.occurred_at AS at, replace(a.activity_type, '_', ' ') || ': ' || a.subject AS title,
      coalesce(a.description, '') || CASE WHEN a.outcome IS NULL THEN '' ELSE ' [' || a.outcome || ']' END
        || CASE WHEN a.ai_summary IS NULL THEN '' ELSE char(10) || 'AI summary: ' || a.ai_summary END
        || coalesce(char(10) || 'Next steps: ' || (SELECT group_concat(value, '; ') FROM json_each(a.ai_next_steps)), '') AS detail,
      trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS actor, a.activity_type AS tag
      FROM client_activities a LEFT JOIN ethico_users u ON u.id = a.performed_by_id WHERE a.client_id = ${clientId}
    UNION ALL SELECT 'support_ticket', t.id, t.opened_at, 'Ticket opened (' || lower(t.severity) || '): ' || t.subject, coalesce(t.external_id, ''), NULL, t.severity
      FROM support_tickets t WHERE t.client_id = ${clientId}
    UNION ALL SELECT 'support_ticket', t.id || ':closed', t.closed_at, 'Ticket closed: ' || t.subject, coalesce(t.external_id, ''), NULL, t.severity
      FROM support_tickets t WHERE t.client_id = ${clientId} AND t.closed_at IS NOT NULL
    UNION ALL SELECT 'health_change', h.id, h.date || 'T00:00:00.000Z',
        'Health ' || h.prev || ' → ' || h.overall_score || ' (' || CASE WHEN h.overall_score > h.prev THEN '+' ELSE '' END || (h.overall_score - h.prev) || ')',
        CASE WHEN ${band("h.prev")} <> ${band("h.overall_score")} THEN 'Now ' || lower(replace(${band("h.overall_score")}, '_', ' ')) ELSE '' END, NULL, ${band("h.overall_score")}
      FROM (SELECT id, date, overall_score, lag(overall_score) OVER (ORDER BY date) AS prev FROM client_health_scores
            WHERE client_id = ${clientId} AND date >= ${addDays(from, -1)}) h
      WHERE h.prev IS NOT NULL AND (abs(h.overall_score - h.prev) >= ${HEALTH_CHANGE_POINTS} OR ${band("h.prev")} <> ${band("h.overall_score")})`;
  const second = sql`
    SELECT 'alert' AS type, al.id, al.created_at AS at, al.title AS title, al.description AS detail, NULL AS actor, al.severity AS tag
      FROM client_alerts al WHERE al.client_id = ${clientId}
    UNION ALL SELECT 'note', n.id, n.created_at, coalesce(n.title, replace(n.note_type, '_', ' ') || ' note') || CASE WHEN n.is_private THEN ' (private)' ELSE '' END,
        n.content, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), n.note_type
      FROM client_notes n LEFT JOIN ethico_users u ON u.id = n.created_by_id WHERE n.client_id = ${clientId} AND (n.is_private = 0 OR n.created_by_id = ${viewerId})
    UNION ALL SELECT 'renewal', r.id, r.renewal_date || 'T12:00:00.000Z', 'Renewal: ' || lower(r.outcome), coalesce(r.reason, ''), NULL, r.outcome
      FROM renewal_outcomes r WHERE r.client_id = ${clientId}
    UNION ALL SELECT 'survey', s.id, s.responded_at, s.kind || ' response: ' || s.score || coalesce(' from ' || p.display_name, ''), coalesce(s.comment, ''), p.display_name, s.kind
      FROM survey_responses s LEFT JOIN platform_users p ON p.id = s.respondent_user_id WHERE s.client_id = ${clientId}`;
  return [first, second];
}

export async function timeline(db: Db, clientId: string, viewerId: string, f: TimelineFilter) {
  const types = JSON.stringify(f.types);
  const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = sql`at >= ${f.from} AND at < ${addDays(f.to, 1)}
    AND (${f.types.length} = 0 OR type IN (SELECT value FROM json_each(${types})))
    AND (${pattern} IS NULL OR title LIKE ${pattern} ESCAPE '\\' OR detail LIKE ${pattern} ESCAPE '\\')`;
  const groups = streams(clientId, viewerId, f.from);
  const results = await rawBatch(
    db,
    groups.flatMap((g) => [
      sql`SELECT count(*) AS n FROM (${g}) WHERE ${where}`,
      sql`SELECT * FROM (${g}) WHERE ${where} ORDER BY at DESC, id LIMIT ${f.offset + f.limit}`,
    ]),
  );
  const total = Number(results[0][0]?.n ?? 0) + Number(results[2][0]?.n ?? 0);
  const merged = [...results[1], ...results[3]] as unknown as TimelineItem[];
  merged.sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? 1 : -1));
  return { total, rows: merged.slice(f.offset, f.offset + f.limit) };
}
