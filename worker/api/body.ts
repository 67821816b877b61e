import { AppError } from "../core/errors";

/** The request's JSON body; 400 for anything that is not JSON or is over `maxBytes`. */
export async function jsonBody(req: Request, maxBytes = 262_144): Promise<unknown> {
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError("BAD_REQUEST", "Body is too large", [{ field: "body", message: `at most ${maxBytes} bytes` }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Body is not valid JSON");
  }
}

/** A JSON body that may be left out entirely (an empty body reads as {}). */
export async function optionalJsonBody(req: Request): Promise<unknown> {
  const text = await req.clone().text();
  return text.trim() === "" ? {} : jsonBody(req);
}
