import { crmFailure, crmFetch } from "./crm-http";

// HubSpot CRM (../shared/reference/hubspot/openapi): a private-app token as Bearer; v3 objects
// (companies batch update, company and contact search, engagement batch create) and v4
// associations. Batch calls answer 200/201 when all succeeded, 207 with `errors` when some did
// not; errors are { "status": "error", "category", "message", "context", … }.

/** timeout_ms: how long one call may take (default 15 s in crmFetch). */
export interface HubspotConnection {
  base_url: string;
  token: string;
  timeout_ms?: number;
}

const headers = (c: HubspotConnection) => ({ authorization: `Bearer ${c.token}`, "content-type": "application/json" });

export interface BatchResult {
  status: string;
  results: { id: string }[];
  errors?: { status: string; category: string; message: string; context?: Record<string, string[]> }[];
}

export async function batchUpdateCompanies(
  c: HubspotConnection,
  inputs: { id: string; properties: Record<string, string> }[],
): Promise<BatchResult> {
  const res = await crmFetch(
    "HubSpot",
    `${c.base_url}/crm/v3/objects/companies/batch/update`,
    { method: "POST", headers: headers(c), body: JSON.stringify({ inputs }) },
    c.timeout_ms,
  );
  if (res.status !== 200 && res.status !== 207) throw await crmFailure("HubSpot", res);
  return (await res.json()) as BatchResult;
}

export interface CrmObjectRecord {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: string;
  objectWriteTraceId?: string;
}
/**
 * Records of `objectType` whose `modifiedProperty` is after `sinceMs` (companies use
 * hs_lastmodifieddate, contacts lastmodifieddate), oldest first, every page, up to `max`.
 */
export async function searchModifiedSince(
  c: HubspotConnection,
  objectType: "companies" | "contacts",
  modifiedProperty: string,
  sinceMs: number,
  properties: string[],
  max = 10_000,
): Promise<CrmObjectRecord[]> {
  const out: CrmObjectRecord[] = [];
  let after: string | undefined;
  do {
    const res = await crmFetch(
      "HubSpot",
      `${c.base_url}/crm/v3/objects/${objectType}/search`,
      {
        method: "POST",
        headers: headers(c),
        body: JSON.stringify({
          filterGroups: [{ filters: [{ propertyName: modifiedProperty, operator: "GT", value: String(sinceMs) }] }],
          sorts: [{ propertyName: modifiedProperty, direction: "ASCENDING" }],
          properties,
          limit: 100,
          ...(after ? { after } : {}),
        }),
      },
      c.timeout_ms,
    );
    if (!res.ok) throw await crmFailure("HubSpot", res);
    const page = (await res.json()) as { results: CrmObjectRecord[]; paging?: { next?: { after: string } } };
    out.push(...page.results);
    after = page.paging?.next?.after;
  } while (after && out.length < max);
  return out;
}

export const searchCompaniesModifiedSince = (
  c: HubspotConnection,
  sinceMs: number,
  properties: string[],
  max?: number,
) => searchModifiedSince(c, "companies", "hs_lastmodifieddate", sinceMs, properties, max);

export type EngagementType = "calls" | "emails" | "meetings" | "notes";

/** Batch create (at most 100; 201, or 207 with `errors`); objectWriteTraceId ties each result to its input. */
export async function batchCreate(
  c: HubspotConnection,
  objectType: EngagementType,
  inputs: { properties: Record<string, string>; objectWriteTraceId: string }[],
): Promise<{ results: CrmObjectRecord[]; errors?: BatchResult["errors"] }> {
  const res = await crmFetch(
    "HubSpot",
    `${c.base_url}/crm/v3/objects/${objectType}/batch/create`,
    {
      method: "POST",
      headers: headers(c),
      body: JSON.stringify({ inputs: inputs.map((i) => ({ ...i, associations: [] })) }),
    },
    c.timeout_ms,
  );
  if (res.status !== 201 && res.status !== 200 && res.status !== 207) throw await crmFailure("HubSpot", res);
  return (await res.json()) as { results: CrmObjectRecord[]; errors?: BatchResult["errors"] };
}

/** Batch update of engagements (at most 100; 200, or 207 with `errors`). */
export async function batchUpdateEngagements(
  c: HubspotConnection,
  objectType: EngagementType,
  inputs: { id: string; properties: Record<string, string> }[],
): Promise<BatchResult> {
  const res = await crmFetch(
    "HubSpot",
    `${c.base_url}/crm/v3/objects/${objectType}/batch/update`,
    { method: "POST", headers: headers(c), body: JSON.stringify({ inputs }) },
    c.timeout_ms,
  );
  if (res.status !== 200 && res.status !== 207) throw await crmFailure("HubSpot", res);
  return (await res.json()) as BatchResult;
}

/**
 * The default (unlabelled) association from each record to a company, by the v4 batch endpoint:
 * no association type ids to hard-code, and associating twice changes nothing.
 */
export async function associateWithCompanies(
  c: HubspotConnection,
  fromType: EngagementType | "contacts",
  pairs: { from: string; company: string }[],
): Promise<{ errors?: BatchResult["errors"] }> {
  const res = await crmFetch(
    "HubSpot",
    `${c.base_url}/crm/v4/associations/${fromType}/companies/batch/associate/default`,
    {
      method: "POST",
      headers: headers(c),
      body: JSON.stringify({ inputs: pairs.map((p) => ({ from: { id: p.from }, to: { id: p.company } })) }),
    },
    c.timeout_ms,
  );
  if (res.status !== 200 && res.status !== 207) throw await crmFailure("HubSpot", res);
  return (await res.json()) as { errors?: BatchResult["errors"] };
}

/** The companies each contact is associated with (v4 batch read, at most 1,000 ids). */
export async function companiesOfContacts(c: HubspotConnection, contactIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contactIds.length === 0) return out;
  const res = await crmFetch(
    "HubSpot",
    `${c.base_url}/crm/v4/associations/contacts/companies/batch/read`,
    { method: "POST", headers: headers(c), body: JSON.stringify({ inputs: contactIds.map((id) => ({ id })) }) },
    c.timeout_ms,
  );
  if (res.status !== 200 && res.status !== 207) throw await crmFailure("HubSpot", res);
  const body = (await res.json()) as { results: { from: { id: string }; to: { toObjectId: string | number }[] }[] };
  for (const r of body.results)
    out.set(
      String(r.from.id),
      r.to.map((t) => String(t.toObjectId)),
    );
  return out;
}

/** A HubSpot owner (the user a company is assigned to): GET /crm/v3/owners/{id}; null when unknown. */
export async function ownerById(
  c: HubspotConnection,
  ownerId: string,
): Promise<{ id: string; email: string | null } | null> {
  const res = await crmFetch(
    "HubSpot",
    `${c.base_url}/crm/v3/owners/${encodeURIComponent(ownerId)}?idProperty=id`,
    { method: "GET", headers: headers(c) },
    c.timeout_ms,
  );
  if (res.status === 404) return null;
  if (!res.ok) throw await crmFailure("HubSpot", res);
  const body = (await res.json()) as { id: string; email?: string | null };
  return { id: String(body.id), email: body.email ?? null };
}
