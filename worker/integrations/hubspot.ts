import { crmFailure, crmFetch } from "./crm-http";

// HubSpot CRM v3 (../shared/reference/hubspot/openapi): a private-app token as Bearer, and the
// companies batch update (at most 100 inputs; 200 when all succeeded, 207 with `errors` when some
// did not; errors are { "status": "error", "category", "message", "context", … }).

export interface HubspotConnection { base_url: string; token: string }

export interface BatchResult {
  status: string;
  results: { id: string }[];
  errors?: { status: string; category: string; message: string; context?: Record<string, string[]> }[];
}

export async function batchUpdateCompanies(c: HubspotConnection, inputs: { id: string; properties: Record<string, string> }[]): Promise<BatchResult> {
  const res = await crmFetch("HubSpot", `${c.base_url}/crm/v3/objects/companies/batch/update`, {
    method: "POST",
    headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json" },
    body: JSON.stringify({ inputs }),
  });
  if (res.status !== 200 && res.status !== 207) throw await crmFailure("HubSpot", res);
  return (await res.json()) as BatchResult;
}

export interface CompanyRecord { id: string; properties: Record<string, string | null>; updatedAt: string }

/** Companies modified after `sinceMs` (search on hs_lastmodifieddate), every page, up to `max`. */
export async function searchCompaniesModifiedSince(c: HubspotConnection, sinceMs: number, properties: string[], max = 10_000): Promise<CompanyRecord[]> {
  const out: CompanyRecord[] = [];
  let after: string | undefined;
  do {
    const res = await crmFetch("HubSpot", `${c.base_url}/crm/v3/objects/companies/search`, {
      method: "POST",
      headers: { authorization: `Bearer ${c.token}`, "content-type": "application/json" },
      body: JSON.stringify({ filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GT", value: String(sinceMs) }] }], sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }], properties, limit: 100, ...(after ? { after } : {}) }),
    });
    if (!res.ok) throw await crmFailure("HubSpot", res);
    const page = (await res.json()) as { results: CompanyRecord[]; paging?: { next?: { after: string } } };
    out.push(...page.results);
    after = page.paging?.next?.after;
  } while (after && out.length < max);
  return out;
}
