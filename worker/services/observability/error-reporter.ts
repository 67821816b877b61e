import { AppError } from "#worker/core/errors";

import { log, newRequestId, requestIdOf, withLogContext } from "./log";

// The one error reporter. Every entry of the Worker (fetch, queue, scheduled) and every method
// of the Durable Object runs inside it: each invocation gets its request id, and an error nobody
// handled is logged once, as one JSON line with that id, before the platform sees it (a queue
// batch is then retried, a cron run marked failed). Workers Logs and Traces pick these lines up
// ([observability] in wrangler.toml).

/** Logs an unexpected error (one JSON line, with the current request id). */
export function reportError(err: unknown, where: string, fields: Record<string, unknown> = {}): void {
  log.error(`Unhandled error in ${where}`, { ...fields, error: err });
}

const INTERNAL_BODY = JSON.stringify(new AppError("INTERNAL", "Something went wrong on our side").toBody());

/** fetch: the request id from cf-ray (or generated), sent back as x-request-id; a throw becomes a 500. */
export function reportingFetch<E>(handler: (request: Request, env: E, ctx: ExecutionContext) => Promise<Response>) {
  return (request: Request, env: E, ctx: ExecutionContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    return withLogContext({ request_id: requestId, handler: "fetch" }, async () => {
      let response: Response;
      try {
        response = await handler(request, env, ctx);
      } catch (err) {
        reportError(err, "fetch", { method: request.method, path: new URL(request.url).pathname });
        response = new Response(INTERNAL_BODY, {
          status: 500,
          headers: { "content-type": "application/json; charset=utf-8" },
        });
      }
      if (response.status === 101 || response.webSocket) return response;
      if (!response.headers.has("x-request-id")) {
        response = new Response(response.body, response);
        response.headers.set("x-request-id", requestId);
      }
      return response;
    });
  };
}

/** queue, scheduled, Durable Object methods: logged with a fresh id, then rethrown for the platform. */
export function reporting<A extends unknown[], R>(
  where: string,
  fn: (...args: A) => Promise<R>,
  describe?: (...args: A) => Record<string, unknown>,
) {
  return (...args: A): Promise<R> =>
    withLogContext({ request_id: newRequestId(), handler: where }, async () => {
      try {
        return await fn(...args);
      } catch (err) {
        reportError(err, where, describe?.(...args));
        throw err;
      }
    });
}

/** For ctx.waitUntil work: a rejection is reported instead of vanishing. */
export function reported(promise: Promise<unknown>, where: string): Promise<void> {
  return promise.then(
    () => undefined,
    (err) => reportError(err, where),
  );
}

/** A Durable Object method: the request id of the request it serves (its cf-ray) when there is one, else a new one. */
export function inDurableObject<R>(where: string, fn: () => Promise<R>, requestId?: string | null): Promise<R> {
  const id = requestId && /^[A-Za-z0-9-]{1,64}$/.test(requestId) ? requestId : newRequestId();
  return withLogContext({ request_id: id, handler: "durable-object" }, async () => {
    try {
      return await fn();
    } catch (err) {
      reportError(err, where);
      throw err;
    }
  });
}
