import type { IncomingMessage } from "node:http";

// The Salesforce and HubSpot halves of the fake services (see fake-services.ts), answering with
// the shapes in ../shared/reference: Salesforce OAuth token, sObject Collections update (PATCH)
// and create (POST), SOQL query paged by nextRecordsUrl, errors as [{ "message", "errorCode" }];
// HubSpot v3 companies batch update, company and contact search, engagement batch create (201,
// objectWriteTraceId echoed), v4 association batch read and default associate, owners, errors as
// { "status": "error", "category", … }. Records are served two to a page, to exercise paging.

export type Scripted = { status: number; headers?: Record<string, string>; body?: string; delay_ms?: number };
export type HsRecord = { id: string; properties: Record<string, string | null>; updatedAt: string };
export type HsData = {
  companies: HsRecord[];
  contacts: HsRecord[];
  owners: { id: string; email: string; firstName?: string; lastName?: string }[];
  contact_companies: Record<string, string[]>;
};
export const emptyHs = (): HsData => ({ companies: [], contacts: [], owners: [], contact_companies: {} });

export interface CrmFakeState {
  /** Salesforce sessions this fake has issued (a token from elsewhere is an expired session). */
  sessions: Set<string>;
  data: { salesforce: Record<string, Record<string, unknown>[]>; hubspot: HsData };
  nextId: number;
}

export interface Exchange {
  req: IncomingMessage;
  url: URL;
  text: string;
  body: unknown;
  reply: (s: Scripted) => Promise<void>;
  /** Records the request (with `body`, or the parsed request body). */
  receive: (service: "salesforce" | "hubspot", body?: unknown) => void;
  /** The next scripted answer for the service, if any (taken only once the caller is authorized). */
  next: (service: "salesforce" | "hubspot") => Scripted | undefined;
}

const PAGE = 2;
const json = (status: number, body: unknown): Scripted => ({ status, body: JSON.stringify(body) });
const sfExpired = json(401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
const hsUnauthorized = json(401, {
  status: "error",
  message: "Authentication credentials not found.",
  correlationId: "00000000-0000-4000-8000-000000000001",
  category: "INVALID_AUTHENTICATION",
});

export function handleSalesforce(x: Exchange, st: CrmFakeState): Promise<void> | null {
  const { req, url, text, body } = x;
  if (url.pathname === "/services/oauth2/token" && req.method === "POST") {
    const form = new URLSearchParams(text);
    x.receive("salesforce", Object.fromEntries(form));
    const grant = form.get("grant_type");
    if (
      !(grant === "client_credentials" && form.get("client_secret")) &&
      !(grant === "urn:ietf:params:oauth:grant-type:jwt-bearer" && form.get("assertion"))
    ) {
      return x.reply(json(400, { error: "invalid_grant", error_description: "authentication failure" }));
    }
    const token = `00Dfake!${Math.random().toString(36).slice(2)}`;
    st.sessions.add(token);
    return x.reply(
      json(200, {
        access_token: token,
        instance_url: `http://${req.headers.host}`,
        id: "https://login.salesforce.com/id/00Dfake/005fake",
        token_type: "Bearer",
        issued_at: String(Date.now()),
        signature: "fake",
      }),
    );
  }
  if (!url.pathname.startsWith("/services/data/")) return null;
  const authorized = st.sessions.has(String(req.headers.authorization ?? "").replace(/^Bearer /, ""));
  if (url.pathname.endsWith("/composite/sobjects") && (req.method === "PATCH" || req.method === "POST")) {
    x.receive("salesforce");
    if (!authorized) return x.reply(sfExpired);
    const scripted = x.next("salesforce");
    if (scripted) return x.reply(scripted);
    const records = (body as { records?: Record<string, unknown>[] }).records ?? [];
    if (req.method === "PATCH") {
      return x.reply(
        json(
          200,
          records.map((r) =>
            /^(001|00T)/.test(String(r.id))
              ? { id: r.id, success: true, errors: [] }
              : {
                  success: false,
                  errors: [
                    {
                      statusCode: "MALFORMED_ID",
                      message: `Account ID: id value of incorrect type: ${String(r.id)}`,
                      fields: ["Id"],
                    },
                  ],
                },
          ),
        ),
      );
    }
    // Create: a Task must name an Account in WhatId, as a real org's validation would insist.
    return x.reply(
      json(
        200,
        records.map((r) => {
          if (r.id)
            return {
              success: false,
              errors: [{ statusCode: "INVALID_FIELD", message: "cannot specify Id in an insert call", fields: ["Id"] }],
            };
          if (!String(r.WhatId ?? "").startsWith("001"))
            return {
              success: false,
              errors: [
                {
                  statusCode: "FIELD_INTEGRITY_EXCEPTION",
                  message: "Related To ID: id value of incorrect type",
                  fields: ["WhatId"],
                },
              ],
            };
          return { id: `00T${String(st.nextId++).padStart(15, "0")}`, success: true, errors: [], created: true };
        }),
      ),
    );
  }
  const soql = url.pathname.match(/^\/services\/data\/v[\d.]+\/query\/?(?:(\w+)-(\d+))?$/);
  if (soql && req.method === "GET") {
    x.receive("salesforce");
    if (!authorized) return x.reply(sfExpired);
    const scripted = x.next("salesforce");
    if (scripted) return x.reply(scripted);
    const type = soql[1] ?? url.searchParams.get("q")?.match(/\bFROM\s+(\w+)/i)?.[1];
    if (!type) return x.reply(json(400, [{ message: "unexpected token", errorCode: "MALFORMED_QUERY" }]));
    const all = (st.data.salesforce[type] ?? []).map((r) => ({
      attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${String(r.Id)}` },
      ...r,
    }));
    const from = soql[2] ? Number(soql[2]) : 0;
    const done = from + PAGE >= all.length;
    return x.reply(
      json(200, {
        totalSize: all.length,
        done,
        records: all.slice(from, from + PAGE),
        ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/${type}-${from + PAGE}` }),
      }),
    );
  }
  return null;
}

export function handleHubspot(x: Exchange, st: CrmFakeState): Promise<void> | null {
  const { req, url, body } = x;
  if (!url.pathname.startsWith("/crm/")) return null;
  x.receive("hubspot");
  if (!String(req.headers.authorization ?? "").startsWith("Bearer pat-")) return x.reply(hsUnauthorized);
  const scripted = x.next("hubspot");
  if (scripted) return x.reply(scripted);
  const now = new Date().toISOString();
  const search = url.pathname.match(/^\/crm\/v3\/objects\/(companies|contacts)\/search$/);
  if (search && req.method === "POST") {
    const list = search[1] === "companies" ? st.data.hubspot.companies : st.data.hubspot.contacts;
    const from = Number((body as { after?: string }).after ?? 0);
    const page = list.slice(from, from + PAGE);
    return x.reply(
      json(200, {
        total: list.length,
        results: page.map((c) => ({ ...c, createdAt: c.updatedAt, archived: false })),
        ...(from + PAGE < list.length ? { paging: { next: { after: String(from + PAGE) } } } : {}),
      }),
    );
  }
  if (
    /^\/crm\/v3\/objects\/(companies|calls|emails|meetings|notes)\/batch\/update$/.test(url.pathname) &&
    req.method === "POST"
  ) {
    const inputs = (body as { inputs?: { id: string; properties: Record<string, string> }[] }).inputs ?? [];
    return x.reply(
      json(200, {
        status: "COMPLETE",
        results: inputs.map((i) => ({
          id: i.id,
          properties: i.properties,
          createdAt: now,
          updatedAt: now,
          archived: false,
        })),
        startedAt: now,
        completedAt: now,
      }),
    );
  }
  if (
    /^\/crm\/v3\/objects\/(calls|emails|meetings|notes)\/batch\/create$/.test(url.pathname) &&
    req.method === "POST"
  ) {
    const inputs =
      (
        body as {
          inputs?: { properties?: Record<string, string>; associations?: unknown[]; objectWriteTraceId?: string }[];
        }
      ).inputs ?? [];
    const bad = inputs.filter((i) => !i.properties?.hs_timestamp || !Array.isArray(i.associations));
    if (bad.length)
      return x.reply(
        json(400, {
          status: "error",
          message: "Property values were not valid: hs_timestamp is required",
          correlationId: "00000000-0000-4000-8000-000000000002",
          category: "VALIDATION_ERROR",
        }),
      );
    return x.reply(
      json(201, {
        status: "COMPLETE",
        results: inputs.map((i) => ({
          id: String(st.nextId++),
          properties: i.properties,
          objectWriteTraceId: i.objectWriteTraceId,
          createdAt: now,
          updatedAt: now,
          archived: false,
        })),
        startedAt: now,
        completedAt: now,
      }),
    );
  }
  if (
    /^\/crm\/v4\/associations\/(calls|emails|meetings|notes|contacts)\/companies\/batch\/associate\/default$/.test(
      url.pathname,
    ) &&
    req.method === "POST"
  ) {
    const inputs = (body as { inputs?: { from?: { id?: string }; to?: { id?: string } }[] }).inputs ?? [];
    return x.reply(
      json(200, {
        status: "COMPLETE",
        results: inputs.map((i) => ({
          from: { id: i.from?.id },
          to: { id: i.to?.id },
          associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 1 },
        })),
        startedAt: now,
        completedAt: now,
      }),
    );
  }
  if (url.pathname === "/crm/v4/associations/contacts/companies/batch/read" && req.method === "POST") {
    const inputs = (body as { inputs?: { id: string }[] }).inputs ?? [];
    return x.reply(
      json(200, {
        status: "COMPLETE",
        results: inputs
          .filter((i) => st.data.hubspot.contact_companies[i.id])
          .map((i) => ({
            from: { id: i.id },
            to: st.data.hubspot.contact_companies[i.id].map((c) => ({
              toObjectId: Number(c),
              associationTypes: [{ category: "HUBSPOT_DEFINED", typeId: 1, label: null }],
            })),
          })),
        startedAt: now,
        completedAt: now,
      }),
    );
  }
  const owner = url.pathname.match(/^\/crm\/v3\/owners\/([^/]+)$/);
  if (owner && req.method === "GET") {
    const o = st.data.hubspot.owners.find((w) => w.id === decodeURIComponent(owner[1]));
    if (!o)
      return x.reply(
        json(404, {
          status: "error",
          message: "Owner not found",
          correlationId: "00000000-0000-4000-8000-000000000003",
          category: "OBJECT_NOT_FOUND",
        }),
      );
    return x.reply(
      json(200, { ...o, type: "PERSON", userId: Number(o.id), archived: false, createdAt: now, updatedAt: now }),
    );
  }
  return null;
}
