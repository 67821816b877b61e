import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from "jose";

import { AppError } from "#worker/core/errors";

// Verifies the Cloudflare Access application token (Cf-Access-Jwt-Assertion): RS256 only, signed by a
// key of the team's JWKS, issuer = team domain, audience contains the application's AUD tag,
// inside exp/nbf with 30 s of clock skew (as Cloudflare's own middleware allows).
// The JWKS is cached for an hour and refetched early when a token names a kid we do not know
// (Access rotates keys every six weeks), at most once every 30 s so random kids cannot hammer it.

export interface AccessSettings {
  teamDomain: string;
  aud: string;
}

export type FetchJwks = (url: string) => Promise<JSONWebKeySet>;

const CACHE_MS = 3_600_000;
const MIN_REFETCH_MS = 30_000;
const MAX_TOKEN_LENGTH = 8_192;

export function createAccessVerifier(
  settings: AccessSettings,
  fetchJwks: FetchJwks = fetchJwksOverHttp,
  clock: () => number = Date.now,
) {
  const certsUrl = `${settings.teamDomain.replace(/\/+$/, "")}/cdn-cgi/access/certs`;
  let cached: { jwks: JSONWebKeySet; fetchedAt: number } | null = null;

  async function load(force: boolean): Promise<JSONWebKeySet> {
    const now = clock();
    const fresh = cached && now - cached.fetchedAt < CACHE_MS;
    const recentlyFetched = cached && now - cached.fetchedAt < MIN_REFETCH_MS;
    if (cached && ((fresh && !force) || recentlyFetched)) return cached.jwks;
    cached = { jwks: await fetchJwks(certsUrl), fetchedAt: now };
    return cached.jwks;
  }

  return async function verify(token: string): Promise<JWTPayload & { email?: string }> {
    if (token.length > MAX_TOKEN_LENGTH) throw unauthenticated("Access token is too large");
    const options = {
      issuer: settings.teamDomain.replace(/\/+$/, ""),
      audience: settings.aud,
      algorithms: ["RS256"],
      clockTolerance: 30,
      currentDate: new Date(clock()),
      requiredClaims: ["exp", "iat"],
    };
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(await load(false)), options);
      return payload;
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw toAuthError(err);
    }
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(await load(true)), options);
      return payload;
    } catch (err) {
      throw toAuthError(err);
    }
  };
}

async function fetchJwksOverHttp(url: string): Promise<JSONWebKeySet> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new AppError("INTERNAL", `Could not load Access signing keys (HTTP ${res.status})`);
  const body = (await res.json()) as JSONWebKeySet;
  if (!body || !Array.isArray(body.keys)) throw new AppError("INTERNAL", "Access signing keys are malformed");
  return body;
}

function unauthenticated(message: string) {
  return new AppError("UNAUTHENTICATED", message);
}

function toAuthError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof errors.JWTExpired) return unauthenticated("Access token has expired");
  if (err instanceof errors.JWTClaimValidationFailed)
    return unauthenticated(`Access token ${err.claim} claim is not valid`);
  if (err instanceof errors.JWKSNoMatchingKey) return unauthenticated("Access token is signed by an unknown key");
  if (err instanceof errors.JOSEAlgNotAllowed) return unauthenticated("Access token algorithm is not allowed");
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return unauthenticated("Access token signature is not valid");
  return unauthenticated("Access token is not valid");
}
