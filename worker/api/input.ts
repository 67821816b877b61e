import type * as v from "valibot";

import { parseInput, parseQuery } from "#worker/core/inputs/parse";

import { DEFAULT_MAX_BODY_BYTES, jsonBody, optionalJsonBody } from "./body";

// The API's side of the one validation path (core/inputs/parse.ts): a route names the schema,
// this reads the query string or JSON body and returns typed input or throws the usual 400.
// Typed on the request alone so it does not depend on the app's environment type.

type HasRequest = { req: { url: string; raw: Request } };

/** The query string against a strict schema of its parameters. */
export function queryInput<S extends v.GenericSchema>(
  c: HasRequest,
  schema: S,
  what = "query parameters",
): v.InferOutput<S> {
  return parseQuery(schema, c.req.url, what);
}

/**
 * The JSON object body (400 if not an object, 413 over `maxBytes`) against its schema.
 * `authorize` runs between reading and validating: a use case whose role check came before its
 * body's validation keeps answering a caller without the role 403 (audited), never a 400.
 */
export async function bodyInput<S extends v.GenericSchema>(
  c: HasRequest,
  schema: S,
  what: string,
  o: { maxBytes?: number; authorize?: () => Promise<unknown> } = {},
): Promise<v.InferOutput<S>> {
  const raw = await jsonBody(c.req.raw, o.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  await o.authorize?.();
  return parseInput(schema, raw, what);
}

/** Like `bodyInput`, for routes whose body may be left out entirely (read as {}). */
export async function optionalBodyInput<S extends v.GenericSchema>(
  c: HasRequest,
  schema: S,
  what: string,
): Promise<v.InferOutput<S>> {
  return parseInput(schema, await optionalJsonBody(c.req.raw), what);
}
