import { toCsv } from "#worker/core/csv";
import { addDays, isoDate } from "#worker/core/dates";
import { AppError } from "#worker/core/errors";
import type { TimelineType } from "#worker/core/inputs/timeline";
import type { Db } from "#worker/db/client";
import { timeline, type TimelineItem } from "#worker/db/queries/timeline";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { recordAudit } from "./audit";
import { clientInScope } from "./client-access";

export const MAX_TIMELINE_EXPORT = 5000;

export interface TimelineQuery {
  types: TimelineType[];
  q: string | null;
  from?: string;
  to?: string;
  page: number;
  limit: number;
}

async function load(db: Db, user: EthicoUserRow, clientId: string, q: TimelineQuery, now: Date, exporting: boolean) {
  const action = exporting ? "export" : "read";
  const client = await clientInScope(db, user, clientId, { action, resourceType: "timeline" });
  const to = q.to ?? isoDate(now);
  const from = q.from ?? addDays(to, -364);
  if (from > to)
    throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: "from", message: "must not be after to" }]);
  const limit = exporting ? MAX_TIMELINE_EXPORT : q.limit;
  const result = await timeline(db, client.id, user.id, {
    types: q.types,
    q: q.q,
    from,
    to,
    limit,
    offset: exporting ? 0 : (q.page - 1) * q.limit,
  });
  await recordAudit(db, {
    user,
    action,
    resourceType: "timeline",
    resourceId: client.id,
    outcome: "SUCCESS",
    details: { rows: result.rows.length },
  });
  return { client, from, to, ...result };
}

/** One page of the client's timeline (US-015-041), newest first. */
export async function getTimeline(db: Db, user: EthicoUserRow, clientId: string, q: TimelineQuery, now: Date) {
  const { client, from, to, total, rows } = await load(db, user, clientId, q, now, false);
  return {
    client_id: client.id,
    from,
    to,
    data: rows,
    pagination: { page: q.page, limit: q.limit, total, pages: Math.ceil(total / q.limit) },
  };
}

/** The filtered timeline as CSV for QBR preparation (at most 5,000 rows; `truncated` says if more matched). */
export async function exportTimeline(db: Db, user: EthicoUserRow, clientId: string, q: TimelineQuery, now: Date) {
  const { client, from, to, total, rows } = await load(db, user, clientId, q, now, true);
  return {
    csv: toCsv<TimelineItem>(["at", "type", "title", "detail", "actor", "tag"], rows),
    filename: `${client.name.replace(/[^A-Za-z0-9]+/g, "-")}-timeline-${from}-to-${to}.csv`,
    truncated: total > rows.length,
  };
}
