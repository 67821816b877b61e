// One error type for the whole app. Adapters turn it into
// { "error": { "code", "message", "details" } } with its HTTP status; anything else is a 500
// whose message never carries internals.

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "ACCESS_NOT_CONFIGURED"
  | "FORBIDDEN"
  | "CROSS_SITE_REQUEST"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNPROCESSABLE"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UPSTREAM_FAILED"
  | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  ACCESS_NOT_CONFIGURED: 401,
  FORBIDDEN: 403,
  /** A state-changing request from another site (Origin / Sec-Fetch-Site): CSRF defence. */
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  /** A body over the route's limit, counted in bytes. */
  PAYLOAD_TOO_LARGE: 413,
  /** A write whose Content-Type is not JSON (API) or a form (pages). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many requests from one user (AI) or one service token (ingestion): details say when to retry. */
  RATE_LIMITED: 429,
  /** A service the app depends on (a CRM) refused or failed the call. */
  UPSTREAM_FAILED: 502,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown };
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const notFound = (resource: string) => new AppError("NOT_FOUND", `${resource} not found`);
