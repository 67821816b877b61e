import { toCsv } from "../core/csv";
import { addDays, isoDate } from "../core/dates";
import { AppError } from "../core/errors";
import type { TimelineType } from "../core/inputs/timeline";
import type { Db } from "../db/client";
import { timeline } from "../db/queries/timeline";
import type { EthicoUserRow } from "../db/queries/users";
import { recordAudit } from "./audit";
import { clientInScope } from "./client-access";

export const MAX_TIMELINE_EXPORT = 5000;

export async function getTimeline(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  q: { types: TimelineType[]; q: string | null; from?: string; to?: string; page: number; limit: number; csv: boolean },
  now: Date,
) {
  const client = await clientInScope(db, user, clientId, { action: q.csv ? "export" : "read", resourceType: "timeline" });
  const to = q.to ?? isoDate(now);
  const from = q.from ?? addDays(to, -364);
  if (from > to) throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: "from", message: "must not be after to" }]);
  const limit = q.csv ? MAX_TIMELINE_EXPORT : q.limit;
  const { total, rows } = await timeline(db, client.id, user.id, { types: q.types, q: q.q, from, to, limit, offset: q.csv ? 0 : (q.page - 1) * q.limit });
  await recordAudit(db, { user, action: q.csv ? "export" : "read", resourceType: "timeline", resourceId: client.id, outcome: "SUCCESS", details: { rows: rows.length } });
  if (q.csv) {
    return { csv: toCsv(["at", "type", "title", "detail", "actor", "tag"], rows), filename: `${client.name.replace(/[^A-Za-z0-9]+/g, "-")}-timeline-${from}-to-${to}.csv`, truncated: total > rows.length };
  }
  return { client_id: client.id, from, to, data: rows, pagination: { page: q.page, limit: q.limit, total, pages: Math.ceil(total / q.limit) } };
}
