import { AsyncLocalStorage } from "node:async_hooks";

// Structured logs: every line the Worker prints is one JSON object carrying the id of the request
// (or queue batch, cron run, Durable Object call) it belongs to, so Workers Logs can group and
// filter them. The id is Cloudflare's cf-ray when there is one, else a generated one (locally,
// and for queue and cron invocations). It travels through AsyncLocalStorage (nodejs_compat), so
// code deep in a service logs with it without passing it along.

export interface LogContext {
  request_id: string;
  /** fetch, queue, scheduled or durable-object. */
  handler: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function newRequestId(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 16);
}

/** The request id for an incoming request: cf-ray, else a generated one. */
export function requestIdOf(request: Request): string {
  const ray = request.headers.get("cf-ray")?.trim();
  return ray && /^[A-Za-z0-9-]{1,64}$/.test(ray) ? ray : newRequestId();
}

export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

type Level = "debug" | "info" | "warn" | "error";

/** An error as plain JSON (name, message, stack, and a cause one level deep). */
export function serializeError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const out: Record<string, unknown> = {
      name: err.name,
      message: err.message,
      stack: err.stack?.split("\n").slice(0, 12).join("\n"),
    };
    if (err.cause !== undefined)
      out.cause = err.cause instanceof Error ? { name: err.cause.name, message: err.cause.message } : String(err.cause);
    return out;
  }
  return { message: String(err) };
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const ctx = storage.getStore();
  const line: Record<string, unknown> = {
    level,
    msg,
    request_id: ctx?.request_id ?? null,
    handler: ctx?.handler ?? null,
    ...fields,
  };
  if (line.error !== undefined) line.error = serializeError(line.error);
  let text: string;
  try {
    text = JSON.stringify(line);
  } catch {
    text = JSON.stringify({
      level,
      msg,
      request_id: line.request_id,
      handler: line.handler,
      note: "fields were not serialisable",
    });
  }
  if (level === "error") console.error(text);
  else if (level === "warn") console.warn(text);
  else console.log(text);
}

/** One JSON line per call: `log.info("Recalculated", { clients: 100 })`. Put an error under `error`. */
export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
