import * as v from "valibot";

import { isCalendarDate } from "#worker/core/dates";

import { wholeNumberText } from "./parse";

// Building blocks for request bodies and queries. Parsing itself is in ./parse.ts.

export const text = (max: number) =>
  v.pipe(
    v.string("must be a string"),
    v.trim(),
    v.minLength(1, "must not be empty"),
    v.maxLength(max, `must be at most ${max} characters`),
  );
export const optionalText = (max: number) =>
  v.optional(
    v.nullable(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(max, `must be at most ${max} characters`))),
  );
export const instant = v.pipe(
  v.string("must be a string"),
  v.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    "must be an ISO 8601 instant with a time zone",
  ),
  v.check((s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), "is not a real date"),
  v.transform((s) => new Date(s).toISOString()),
);
export const calendarDate = v.pipe(
  v.string("must be a string"),
  v.check(isCalendarDate, "must be a date like 2026-02-15"),
);
export const id = v.pipe(v.string("must be a string"), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id"));
/** An id in a path (/clients/:id): the same rule, worded for a URL. */
export const pathId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, _ or -"));

/** page/limit query parameters (strings in, numbers out). */
export const pageParams = {
  page: v.optional(wholeNumberText({ digits: 6, min: 1 }), "1"),
  limit: v.optional(wholeNumberText({ digits: 3, min: 1, max: 200 }), "50"),
};
