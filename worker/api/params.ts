import { AppError } from "#worker/core/errors";
import { pathId } from "#worker/core/inputs/common";
import { parseParam } from "#worker/core/inputs/parse";

/** Path ids are checked before they reach a query: a malformed id is a 400, not a 404. */
export function idParam(raw: string, what: string): string {
  return parseParam(pathId, raw, { param: "id", message: `Invalid ${what} id` });
}

export const clientIdParam = (raw: string) => idParam(raw, "client");

/** Refuses query parameters the route does not know, so a typo is never silently ignored. */
export function onlyParams(query: Record<string, string[]>, allowed: string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length)
    throw new AppError(
      "BAD_REQUEST",
      "Invalid query parameters",
      unknown.map((param) => ({ param, message: "is not a known parameter" })),
    );
}
