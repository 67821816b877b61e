// "Open in Salesforce/HubSpot" (PRD F2 quick actions): the CRM record's web page, for a client
// linked to one. No link when the client is not linked or the CRM's web address is not set.

export interface CrmWebConfig {
  salesforceAppUrl: string;
  hubspotAppUrl: string;
  hubspotPortalId: string;
}

export interface CrmLink {
  provider: "salesforce" | "hubspot";
  label: string;
  url: string;
}

const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const HS_ID = /^\d{1,20}$/;

function httpsBase(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

export function crmLinks(
  client: { salesforce_account_id: string | null; hubspot_company_id: string | null },
  cfg: CrmWebConfig,
): CrmLink[] {
  const links: CrmLink[] = [];
  const sf = httpsBase(cfg.salesforceAppUrl);
  if (sf && client.salesforce_account_id && SF_ID.test(client.salesforce_account_id)) {
    links.push({
      provider: "salesforce",
      label: "Open in Salesforce",
      url: `${sf}/lightning/r/Account/${client.salesforce_account_id}/view`,
    });
  }
  const hs = httpsBase(cfg.hubspotAppUrl);
  if (hs && HS_ID.test(cfg.hubspotPortalId) && client.hubspot_company_id && HS_ID.test(client.hubspot_company_id)) {
    links.push({
      provider: "hubspot",
      label: "Open in HubSpot",
      url: `${hs}/contacts/${cfg.hubspotPortalId}/record/0-2/${client.hubspot_company_id}`,
    });
  }
  return links;
}
