import { AppError } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { type EthicoUserRow, findUserByEmail, listActiveUsers } from "#worker/db/queries/users";

import { createAccessVerifier } from "./access-jwt";
import { recordAudit } from "./audit";

// Who is calling. Production: Cloudflare Access only. Local development (LOCAL_DEV_MODE="true",
// set in wrangler.toml's [env.local] and nowhere else) AND a request to a loopback host
// (localhost, *.localhost, 127.0.0.0/8, [::1]): the X-Dev-User header, else the dev_user cookie
// set by the sign-in choice page (/dev/user) or the header's user switcher. No identity is a 401
// (pages show the sign-in choice), never a default user: a page on another site cannot act as
// anyone on a developer's machine. A non-loopback host (a tunnel, a LAN address, DNS rebinding,
// an accidental deploy of the local environment) gets no development identity at all.
// Without Access settings and without local mode, everything is refused (fail closed).

export const DEV_USER_COOKIE = "dev_user";

export type IdentityEnv = Pick<Env, "ACCESS_TEAM_DOMAIN" | "ACCESS_AUD" | "LOCAL_DEV_MODE">;

export function isLocalDevMode(env: IdentityEnv): boolean {
  return env.LOCAL_DEV_MODE === "true";
}

/** localhost, *.localhost (RFC 6761), 127.0.0.0/8 and ::1: names only this machine answers. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Development identity applies: local mode on and the request addressed to a loopback host. */
export function devIdentityAllowed(env: IdentityEnv, request: Request): boolean {
  return isLocalDevMode(env) && isLoopbackHost(new URL(request.url).hostname);
}

const verifiers = new Map<string, ReturnType<typeof createAccessVerifier>>();

function verifierFor(teamDomain: string, aud: string) {
  const key = `${teamDomain} ${aud}`;
  let verifier = verifiers.get(key);
  if (!verifier) {
    verifier = createAccessVerifier({ teamDomain, aud });
    verifiers.set(key, verifier);
  }
  return verifier;
}

async function claimedEmail(request: Request, env: IdentityEnv): Promise<string> {
  if (isLocalDevMode(env)) {
    if (!isLoopbackHost(new URL(request.url).hostname)) {
      throw new AppError(
        "UNAUTHENTICATED",
        "Development identity is accepted only on a loopback host (localhost or 127.0.0.1)",
      );
    }
    const header = request.headers.get("x-dev-user")?.trim();
    if (header) return header;
    const cookie = readCookie(request.headers.get("cookie"), DEV_USER_COOKIE)?.trim();
    if (cookie) return cookie;
    throw new AppError("UNAUTHENTICATED", "Choose a user to sign in as (local development)");
  }
  if (!env.ACCESS_TEAM_DOMAIN || !env.ACCESS_AUD) {
    throw new AppError("ACCESS_NOT_CONFIGURED", "Cloudflare Access is not configured for this deployment");
  }
  const token = request.headers.get("cf-access-jwt-assertion");
  if (!token) throw new AppError("UNAUTHENTICATED", "Missing Cloudflare Access token");
  const payload = await verifierFor(env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD)(token);
  if (typeof payload.email !== "string" || payload.email === "") {
    throw new AppError("UNAUTHENTICATED", "Access token carries no user email");
  }
  return payload.email;
}

/** The active Ethico user behind the request; throws 401/403 AppErrors, recording denials. */
export async function authenticate(request: Request, env: IdentityEnv, db: Db): Promise<EthicoUserRow> {
  let email: string | null = null;
  try {
    email = (await claimedEmail(request, env)).toLowerCase();
    const user = await findUserByEmail(db, email);
    if (!user || !user.is_active) {
      throw new AppError("FORBIDDEN", "This account has no access to the Client Success Dashboard");
    }
    return user;
  } catch (err) {
    if (err instanceof AppError) {
      await recordAudit(db, {
        user: null,
        userEmail: email,
        caller: `ip:${request.headers.get("cf-connecting-ip") ?? "unknown"}`,
        action: "authenticate",
        resourceType: "session",
        resourceId: new URL(request.url).pathname,
        outcome: "DENIED",
        statusCode: err.status,
        details: { reason: err.message },
      });
    }
    throw err;
  }
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function setDevUserCookie(email: string): string {
  return `${DEV_USER_COOKIE}=${encodeURIComponent(email.trim().toLowerCase())}; Path=/; HttpOnly; SameSite=Lax`;
}

/** The seeded users a developer can switch between (local development mode only). */
export async function devUserChoices(db: Db) {
  return (await listActiveUsers(db)).map((u) => ({
    email: u.email,
    label: `${u.first_name} ${u.last_name} (${u.role.replaceAll("_", " ")})`,
  }));
}
