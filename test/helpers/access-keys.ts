import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

// A stand-in for a Cloudflare Access team: an RS256 key pair, its JWKS, and signed app tokens.

export const TEAM = "https://ethico-test.cloudflareaccess.com";
export const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function makeKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, jwk };
}

export interface TokenOptions {
  email?: string;
  aud?: string | string[];
  iss?: string;
  /** Seconds from now. */
  expiresIn?: number;
  notBeforeIn?: number;
  key?: TestKey;
  kid?: string;
}

export async function accessToken(key: TestKey, o: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ email: o.email ?? "vp-cs@ethico.test", type: "app", identity_nonce: "test", country: "US" })
    .setProtectedHeader({ alg: "RS256", kid: o.kid ?? key.kid, typ: "JWT" })
    .setIssuer(o.iss ?? TEAM)
    .setAudience(o.aud ?? [AUD])
    .setSubject("7335d417-61da-459d-899c-0a01c76a2f94")
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (o.expiresIn ?? 60));
  if (o.notBeforeIn !== undefined) jwt.setNotBefore(now + o.notBeforeIn);
  return jwt.sign((o.key ?? key).privateKey);
}

export function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}
