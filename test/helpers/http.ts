import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";

import worker from "#worker/index";

export const API = "https://csd.localhost/api/v1/client-success";

/**
 * What a same-origin browser sends with a request: for a write (POST, PUT, PATCH, DELETE), an
 * Origin of the request's own origin and Sec-Fetch-Site: same-origin (the Worker refuses writes
 * from another site: worker/request-guard.ts). Headers the caller set are kept, so a test can
 * send a cross-site Origin or none at all (`{ origin: "" }` removes it).
 */
export function browserHeaders(url: string, init: RequestInit = {}): Headers {
  const headers = new Headers(init.headers);
  const method = (init.method ?? "GET").toUpperCase();
  if (!["GET", "HEAD", "OPTIONS"].includes(method)) {
    if (!headers.has("origin")) headers.set("origin", new URL(url).origin);
    // Remix compares an action's Origin with Host, which a browser always sends.
    if (!headers.has("host")) headers.set("host", new URL(url).host);
    if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
  }
  for (const name of ["origin", "sec-fetch-site"]) if (headers.get(name) === "") headers.delete(name);
  // The app's own client sends its API bodies as JSON; fetch would label a string body
  // text/plain, which the Worker refuses (415). A test that means text/plain says so.
  if (typeof init.body === "string" && !headers.has("content-type") && new URL(url).pathname.startsWith("/api/"))
    headers.set("content-type", "application/json");
  return headers;
}

/**
 * Calls the Worker as a seeded user (local dev identity header), or anonymously, as a same-origin
 * browser would (browserHeaders). Paths are API-relative unless absolute. The host is a loopback
 * name (csd.localhost): development identity is refused on any other host.
 */
export function asUser(email: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const url = path.startsWith("http") ? path : `${API}${path}`;
  const headers = browserHeaders(url, init);
  if (email) headers.set("x-dev-user", email);
  return SELF.fetch(url, { ...init, headers, redirect: "manual" });
}

export const VP = "vp-cs@ethico.test";
export const JANE = "jane.smith@ethico.test";
export const JOHN = "john.doe@ethico.test";
export const AE = "ae@ethico.test";

export const PAGE = "https://csd.localhost";

/**
 * asUser through the Worker's fetch handler directly, returning once its waitUntil work is done
 * too. For tests that send thousands of requests (SELF.fetch grows slower with every call in
 * this runner: 3 ms a request at first, 60 ms after a few hundred) or that must see a request's
 * background writes finished before measuring the next one.
 */
export async function asUserDirect(
  email: string | null,
  path: string,
  init: RequestInit = {},
  workerEnv: Env = env,
): Promise<Response> {
  const url = path.startsWith("http") ? path : `${API}${path}`;
  const headers = browserHeaders(url, init);
  if (email) headers.set("x-dev-user", email);
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(url, { ...init, headers, redirect: "manual" }) as Parameters<typeof worker.fetch>[0],
    workerEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

export const ADMIN = "admin@ethico.test";
export const VP_SALES = "vp-sales@ethico.test";

/** A JSON request of `method` (no body when `body` is undefined), with any extra headers. */
export function json(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** A form POST, as a Remix page's <Form> sends it. */
export function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}
