import { AppError } from "#worker/core/errors";

/**
 * Runs a page loader's work and turns the app's refusals into HTTP responses the error
 * boundary shows with their reason (400 bad filter, 403 not allowed, 404 not found).
 */
export async function orPageError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && [400, 403, 404, 422].includes(err.status)) {
      const details = Array.isArray(err.details)
        ? (err.details as { param?: string; field?: string; message: string }[])
            .map((d) => `${d.param ?? d.field ?? ""} ${d.message}`.trim())
            .join("; ")
        : "";
      throw new Response(details ? `${err.message}: ${details}` : err.message, { status: err.status });
    }
    throw err;
  }
}
