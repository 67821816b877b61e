import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../worker/index";

export const API = "https://csd.test/api/v1/client-success";

/** Calls the Worker as a seeded user (local dev identity header), or anonymously. Paths are API-relative unless absolute. */
export function asUser(email: string | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (email) headers.set("x-dev-user", email);
  const url = path.startsWith("http") ? path : `${API}${path}`;
  return SELF.fetch(url, { ...init, headers, redirect: "manual" });
}

export const VP = "vp-cs@ethico.test";
export const JANE = "jane.smith@ethico.test";
export const JOHN = "john.doe@ethico.test";
export const AE = "ae@ethico.test";

export const PAGE = "https://csd.test";

/**
 * asUser through the Worker's fetch handler directly, returning once its waitUntil work is done
 * too. For tests that send thousands of requests (SELF.fetch grows slower with every call in
 * this runner: 3 ms a request at first, 60 ms after a few hundred) or that must see a request's
 * background writes finished before measuring the next one.
 */
export async function asUserDirect(email: string | null, path: string, init: RequestInit = {}, workerEnv: Env = env): Promise<Response> {
  const headers = new Headers(init.headers);
  if (email) headers.set("x-dev-user", email);
  const url = path.startsWith("http") ? path : `${API}${path}`;
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url, { ...init, headers, redirect: "manual" }) as Parameters<typeof worker.fetch>[0], workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
