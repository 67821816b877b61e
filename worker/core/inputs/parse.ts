import * as v from "valibot";

import { AppError } from "#worker/core/errors";

// The one way input becomes typed data (decision 024). Every adapter (API query and JSON body,
// Remix form, queue message) ends here, so a refusal always has the shape the API documents:
// { error: { code, message, details } } with details naming the field or parameter. Schemas
// live beside this file, by feature; services receive what these functions return.

/** The one message for a number that is not whole, wherever it arrives. */
export const WHOLE_NUMBER = "must be a whole number";

/**
 * A whole number written as text (query strings, form fields): digits only, at most `digits` of
 * them (so "1e9" or a 40-digit string is refused before it becomes a number), then bounded.
 */
export function wholeNumberText(o: { digits: number; min: number; max?: number; maxMessage?: string }) {
  // One flat pipe: a nested one would run the bound on text that was refused as not a number.
  return v.pipe(
    v.string(),
    v.regex(new RegExp(`^\\d{1,${o.digits}}$`), WHOLE_NUMBER),
    v.transform(Number),
    v.minValue(o.min, `must be at least ${o.min}`),
    v.maxValue(o.max ?? Number.MAX_SAFE_INTEGER, o.maxMessage ?? `must be at most ${o.max}`),
  );
}

/** A whole number in a JSON body (a string "3" is refused: JSON has numbers). */
export const wholeNumber = v.pipe(v.number("must be a number"), v.integer(WHOLE_NUMBER));

type Issues = [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]];

/** Each problem as { field, message }: field is the dotted path ("auth.token"), null for the whole. */
export const fieldDetails = (issues: Issues) =>
  issues.map((i) => ({ field: i.path?.map((p) => String(p.key)).join(".") || null, message: i.message }));

/** Each problem as { param, message }: param is the query parameter it came from. */
export const paramDetails = (issues: Issues) =>
  issues.map((i) => ({ param: i.path?.[0] ? String(i.path[0].key) : null, message: i.message }));

/** Parses a body, form or query object; every problem is reported at once, the input refused whole (400). */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown, what: string): v.InferOutput<S> {
  const r = v.safeParse(schema, input, { abortEarly: false });
  if (r.success) return r.output;
  throw new AppError("BAD_REQUEST", `Invalid ${what}`, fieldDetails(r.issues));
}

/** Reads a query string into an object, refusing repeated parameters; empty values mean "not set". */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of params) {
    if (val.trim() === "") continue;
    if (k in out)
      throw new AppError("BAD_REQUEST", "Invalid query parameters", [{ param: k, message: "is given more than once" }]);
    out[k] = val;
  }
  return out;
}

/** A query string (or a URL's) against a strict schema of its parameters. */
export function parseQuery<S extends v.GenericSchema>(
  schema: S,
  params: URLSearchParams | string,
  what = "query parameters",
): v.InferOutput<S> {
  return parseInput(schema, queryObject(typeof params === "string" ? new URL(params).searchParams : params), what);
}

/**
 * One path or query parameter on its own: the first problem, as { param, message }. A missing
 * value (undefined or "") takes `fallback` when one is given.
 */
export function parseParam<S extends v.GenericSchema>(
  schema: S,
  raw: string | undefined,
  o: { param: string; message: string; code?: "BAD_REQUEST" | "NOT_FOUND"; fallback?: v.InferOutput<S> },
): v.InferOutput<S> {
  if ((raw === undefined || raw === "") && o.fallback !== undefined) return o.fallback;
  const r = v.safeParse(schema, raw);
  if (r.success) return r.output;
  throw new AppError(o.code ?? "BAD_REQUEST", o.message, [{ param: o.param, message: r.issues[0].message }]);
}

/** A queue message's body: null when it does not match (the consumer drops it, see jobs/messages.ts). */
export function parseMessage<S extends v.GenericSchema>(
  schema: S,
  body: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; issue: string | null } {
  const r = v.safeParse(schema, body);
  return r.success ? { ok: true, value: r.output } : { ok: false, issue: r.issues[0]?.message ?? null };
}
