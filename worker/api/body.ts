import { AppError } from "#worker/core/errors";

// Request bodies, counted in bytes (UTF-8 on the wire, not UTF-16 characters), and parsed as
// the JSON object every route expects: `[]`, `"x"`, `1` or `null` is a 400 that changes nothing,
// never read as {}. The API also has a byte limit on every body before any route reads it
// (hono/body-limit in worker/middleware.ts); these per-route limits are tighter.

export const DEFAULT_MAX_BODY_BYTES = 262_144;

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", "Body is too large", [
    { field: "body", message: `at most ${maxBytes} bytes` },
  ]);
}

/** The body's bytes, refused as soon as they pass `maxBytes` (a lying Content-Length included). */
async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

async function readText(req: Request, maxBytes: number): Promise<string> {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await readBytes(req, maxBytes));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("BAD_REQUEST", "Body is not valid UTF-8");
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Body is not valid JSON");
  }
}

function requireObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    throw new AppError("BAD_REQUEST", `Body must be a JSON object, not ${kind}`, [
      { field: "body", message: "expected a JSON object" },
    ]);
  }
  return value as Record<string, unknown>;
}

/** The request's body as a JSON object; 400 for anything else, 413 over `maxBytes` bytes. */
export async function jsonBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  return requireObject(parseJson(await readText(req, maxBytes)));
}

/** A JSON value of any shape (for the rare route that takes an array); 413 over `maxBytes`. */
export async function jsonValueBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  return parseJson(await readText(req, maxBytes));
}

/** A JSON object body that may be left out entirely (an empty body reads as {}). */
export async function optionalJsonBody(
  req: Request,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const text = await readText(req, maxBytes);
  return text.trim() === "" ? {} : requireObject(parseJson(text));
}

/** The raw body as text (a signed webhook checks these exact bytes); 413 over `maxBytes`. */
export function textBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  return readText(req, maxBytes);
}
