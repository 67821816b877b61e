import { AppError } from "../core/errors";

const MAX_BODY_BYTES = 262_144;

/** The request's JSON body; 400 for anything that is not JSON or is too large. */
export async function jsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("BAD_REQUEST", "Body is too large", [{ field: "body", message: `at most ${MAX_BODY_BYTES} bytes` }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Body is not valid JSON");
  }
}
