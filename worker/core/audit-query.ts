import * as v from "valibot";

import { isCalendarDate } from "./dates";
import { AUDIT_OUTCOMES, type AuditOutcome } from "./enums";
import { AppError } from "./errors";
import { paramDetails, queryObject, wholeNumberText } from "./inputs/parse";

// The audit trail's filters (API `GET /audit` and the admin page share them): who, what was done
// to which resource, with what outcome, between two instants. Unknown or repeated parameters are
// refused, as in the portfolio query, so a typo never shows an unfiltered log as if filtered.

export interface AuditQuery {
  /** A user id or an email (the email also finds denied sign-ins, which have no user id). */
  user: string | null;
  action: string | null;
  resource_type: string | null;
  resource_id: string | null;
  outcome: AuditOutcome | null;
  /** Inclusive lower and exclusive upper bound, ISO instants. */
  from: string | null;
  to: string | null;
  /**
   * Paging reads the trail as it stood at this instant (exclusive): the trail grows while it is
   * read (each page read is itself an entry), so later pages pass the first page's as_of.
   */
  as_of: string | null;
  page: number;
  limit: number;
  format: "json" | "csv";
}

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 500;
/** A CSV export holds at most this many rows (newest first); the response says when it stopped. */
export const AUDIT_EXPORT_LIMIT = 50_000;

const token = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.regex(/^[A-Za-z0-9_.:@+-]+$/, "may hold only letters, digits and _ . : @ + -"),
  );

const wholeNumber = (min: number, max: number) => wholeNumberText({ digits: 9, min, max });

/** A date (the whole day, UTC) or an ISO instant. */
const instant = v.pipe(
  v.string(),
  v.trim(),
  v.regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    "must be a date (2026-11-24) or an ISO time (2026-11-24T09:30:00Z)",
  ),
  v.check(
    (s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)),
    "is not a real date",
  ),
);

const QuerySchema = v.strictObject(
  {
    user: v.optional(token(254)),
    action: v.optional(token(64)),
    resource_type: v.optional(token(64)),
    resource_id: v.optional(token(128)),
    outcome: v.optional(v.picklist(AUDIT_OUTCOMES, `must be one of ${AUDIT_OUTCOMES.join(", ")}`)),
    from: v.optional(instant),
    to: v.optional(instant),
    as_of: v.optional(instant),
    page: v.optional(wholeNumber(1, 100_000)),
    limit: v.optional(wholeNumber(1, AUDIT_MAX_PAGE_SIZE)),
    format: v.optional(v.picklist(["json", "csv"], "must be json or csv")),
  },
  "is not a known parameter",
);

function toInstant(s: string, endOfDay: boolean): string {
  if (s.length === 10) return new Date(Date.parse(`${s}T00:00:00Z`) + (endOfDay ? 86_400_000 : 0)).toISOString();
  return new Date(Date.parse(s)).toISOString();
}

export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  // Empty values mean "any" (the filter form sends every field); a repeated parameter is refused.
  const r = v.safeParse(QuerySchema, queryObject(params));
  if (!r.success) throw new AppError("BAD_REQUEST", "Invalid query parameters", paramDetails(r.issues));
  const q = r.output;
  // A date given as "to" means through the end of that day.
  const from = q.from ? toInstant(q.from, false) : null;
  const to = q.to ? toInstant(q.to, true) : null;
  if (from && to && from >= to)
    throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: "to", message: "must be after from" }]);
  return {
    user: q.user ?? null,
    action: q.action ?? null,
    resource_type: q.resource_type ?? null,
    resource_id: q.resource_id ?? null,
    outcome: q.outcome ?? null,
    from,
    to,
    as_of: q.as_of ? toInstant(q.as_of, false) : null,
    page: q.page ?? 1,
    limit: q.limit ?? AUDIT_PAGE_SIZE,
    format: q.format ?? "json",
  };
}
