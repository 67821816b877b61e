import * as v from "valibot";
import { AppError } from "../core/errors";

const IdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, _ or -"));

/** Path ids are checked before they reach a query: a malformed id is a 400, not a 404. */
export function idParam(raw: string, what: string): string {
  const r = v.safeParse(IdSchema, raw);
  if (!r.success) throw new AppError("BAD_REQUEST", `Invalid ${what} id`, [{ param: "id", message: r.issues[0].message }]);
  return r.output;
}

export const clientIdParam = (raw: string) => idParam(raw, "client");

/** Refuses query parameters the route does not know, so a typo is never silently ignored. */
export function onlyParams(query: Record<string, string[]>, allowed: string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new AppError("BAD_REQUEST", "Invalid query parameters", unknown.map((param) => ({ param, message: "is not a known parameter" })));
}
