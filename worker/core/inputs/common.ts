import * as v from "valibot";
import { isCalendarDate } from "../dates";
import { AppError } from "../errors";

// Building blocks for request bodies, and the one way bodies are parsed: every problem is
// reported at once as { field, message }, and the body is refused whole (400).

export const text = (max: number) => v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max, `must be at most ${max} characters`));
export const optionalText = (max: number) => v.optional(v.nullable(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(max, `must be at most ${max} characters`))));
export const instant = v.pipe(
  v.string("must be a string"),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, "must be an ISO 8601 instant with a time zone"),
  v.check((s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), "is not a real date"),
  v.transform((s) => new Date(s).toISOString()),
);
export const calendarDate = v.pipe(v.string("must be a string"), v.check(isCalendarDate, "must be a date like 2026-02-15"));
export const id = v.pipe(v.string("must be a string"), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id"));

export function parseInput<S extends v.GenericSchema>(schema: S, body: unknown, what: string): v.InferOutput<S> {
  const r = v.safeParse(schema, body, { abortEarly: false });
  if (r.success) return r.output;
  throw new AppError(
    "BAD_REQUEST",
    `Invalid ${what}`,
    r.issues.map((i) => ({ field: i.path?.map((p) => String(p.key)).join(".") || null, message: i.message })),
  );
}

/** page/limit query parameters (strings in, numbers out). */
export const pageParams = {
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, "must be a whole number"), v.transform(Number), v.minValue(1, "must be at least 1")), "1"),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, "must be a whole number"), v.transform(Number), v.minValue(1, "must be at least 1"), v.maxValue(200, "must be at most 200")), "50"),
};

/** Reads a query string into an object, refusing repeated parameters; empty values mean "not set". */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of params) {
    if (val.trim() === "") continue;
    if (k in out) throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: k, message: "is given more than once" }]);
    out[k] = val;
  }
  return out;
}
