import { importPKCS8, SignJWT } from "jose";

import { CrmCallError, crmFailure, crmFetch } from "./crm-http";

// Salesforce REST (../shared/reference/salesforce): OAuth 2.0 token by client credentials or the
// JWT bearer flow (no expires_in comes back, so a token is reused for 30 minutes and renewed at
// once on 401 INVALID_SESSION_ID), and sObject Collections updates (at most 200 records; 200
// with a per-record success or errors).

export const SF_API = "v62.0";

export type SalesforceAuth =
  | { type: "client_credentials"; client_id: string; client_secret: string }
  | { type: "jwt_bearer"; client_id: string; username: string; private_key: string };

/** version: changes when the credentials do (keys the token cache); timeout_ms: per call (default 15 s). */
export interface SalesforceConnection {
  base_url: string;
  login_url: string | null;
  auth: SalesforceAuth;
  version: string;
  timeout_ms?: number;
}

const tokens = new Map<string, { token: string; at: number }>();
const TOKEN_TTL_MS = 30 * 60_000;

async function requestToken(c: SalesforceConnection): Promise<string> {
  const loginUrl = c.login_url ?? c.base_url;
  const form = new URLSearchParams();
  if (c.auth.type === "client_credentials") {
    form.set("grant_type", "client_credentials");
    form.set("client_id", c.auth.client_id);
    form.set("client_secret", c.auth.client_secret);
  } else {
    const key = await importPKCS8(c.auth.private_key, "RS256");
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(c.auth.client_id)
      .setSubject(c.auth.username)
      .setAudience(loginUrl)
      .setExpirationTime("3m")
      .sign(key);
    form.set("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    form.set("assertion", assertion);
  }
  const res = await crmFetch(
    "Salesforce OAuth",
    `${loginUrl}/services/oauth2/token`,
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form },
    c.timeout_ms,
  );
  if (!res.ok) throw await crmFailure("Salesforce OAuth", res);
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token)
    throw new CrmCallError("Salesforce OAuth answered without an access_token", false, res.status);
  return body.access_token;
}

async function token(c: SalesforceConnection, fresh: boolean): Promise<string> {
  const hit = tokens.get(c.version);
  if (!fresh && hit && Date.now() - hit.at < TOKEN_TTL_MS) return hit.token;
  const t = await requestToken(c);
  tokens.set(c.version, { token: t, at: Date.now() });
  return t;
}

/** A call with the session token; an expired session is renewed once and the call repeated. */
async function call(c: SalesforceConnection, path: string, init: RequestInit): Promise<Response> {
  // A path from Salesforce itself (nextRecordsUrl) already carries /services/data/vXX.X.
  const url = path.startsWith("/services/") ? `${c.base_url}${path}` : `${c.base_url}/services/data/${SF_API}${path}`;
  for (const fresh of [false, true]) {
    const res = await crmFetch(
      "Salesforce",
      url,
      {
        ...init,
        headers: {
          ...(init.headers ?? {}),
          authorization: `Bearer ${await token(c, fresh)}`,
          "content-type": "application/json",
        },
      },
      c.timeout_ms,
    );
    if (res.status === 401 && !fresh) continue;
    return res;
  }
  throw new CrmCallError("Salesforce refused a fresh session", false, 401);
}

export type SaveResult = {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields?: string[] }[];
};

export async function updateRecords(
  c: SalesforceConnection,
  records: Record<string, unknown>[],
): Promise<SaveResult[]> {
  const res = await call(c, "/composite/sobjects", {
    method: "PATCH",
    body: JSON.stringify({ allOrNone: false, records }),
  });
  if (!res.ok) throw await crmFailure("Salesforce", res);
  return (await res.json()) as SaveResult[];
}

export type SoqlRecord = Record<string, unknown> & { attributes: { type: string }; Id: string };

/** A SOQL query, every page of it (nextRecordsUrl), up to `max` records. */
export async function query(c: SalesforceConnection, soql: string, max = 10_000): Promise<SoqlRecord[]> {
  const out: SoqlRecord[] = [];
  let path: string | null = `/query/?q=${encodeURIComponent(soql)}`;
  while (path && out.length < max) {
    const res = await call(c, path, { method: "GET" });
    if (!res.ok) throw await crmFailure("Salesforce", res);
    const page = (await res.json()) as { records: SoqlRecord[]; done: boolean; nextRecordsUrl?: string };
    out.push(...page.records);
    path = page.done ? null : (page.nextRecordsUrl ?? null);
  }
  return out;
}

/** sObject Collections create (POST, at most 200 records): per-record results in input order. */
export async function createRecords(
  c: SalesforceConnection,
  records: Record<string, unknown>[],
): Promise<SaveResult[]> {
  const res = await call(c, "/composite/sobjects", {
    method: "POST",
    body: JSON.stringify({ allOrNone: false, records }),
  });
  if (!res.ok) throw await crmFailure("Salesforce", res);
  return (await res.json()) as SaveResult[];
}
