import { SELF } from "cloudflare:test";

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
