import { describe, expect, it } from "vitest";

import { crmLinks } from "./crm-links";
import { type DraftContact, draftOutreachEmail, pickRecipient } from "./email-draft";

const contact = (id: string, role: string, o: Partial<DraftContact> = {}): DraftContact => ({
  id,
  name: `${id} Person`,
  email: `${id}@x.example`,
  role,
  is_primary: false,
  last_platform_login: null,
  ...o,
});

describe("email draft", () => {
  it("writes to the champion first, then the primary, then the sponsor", () => {
    expect(pickRecipient([contact("p", "USER", { is_primary: true }), contact("c", "CHAMPION")])?.id).toBe("c");
    expect(pickRecipient([contact("s", "EXECUTIVE_SPONSOR"), contact("p", "USER", { is_primary: true })])?.id).toBe(
      "p",
    );
    expect(pickRecipient([])).toBeNull();
  });
  it("says why from the facts: weakest component, inactivity, decline, renewal", () => {
    const d = draftOutreachEmail({
      clientName: "Acme",
      csmName: "Jane Smith",
      today: "2026-11-24",
      daysToRenewal: 91,
      healthTrendChange: -11,
      weakestComponent: "usage",
      contacts: [contact("sarah", "CHAMPION", { name: "Sarah Chen", last_platform_login: "2026-11-03T00:00:00Z" })],
    });
    expect(d.to).toEqual({ contact_id: "sarah", name: "Sarah Chen", email: "sarah@x.example" });
    expect(d.subject).toBe("Acme: time for a check-in before your renewal");
    expect(d.body.startsWith("Hi Sarah,")).toBe(true);
    expect(d.body).toContain("activity on the platform has dipped");
    expect(d.body).toContain("about 13 weeks");
    expect(d.body.trim().endsWith("Jane Smith")).toBe(true);
    expect(d.reasons).toEqual([
      "weakest health component: usage",
      "Sarah Chen last logged in 21 days ago",
      "health -11 points in 30 days",
      "renewal in 91 days",
    ]);
  });
  it("still writes a plain check-in when nothing stands out", () => {
    const d = draftOutreachEmail({
      clientName: "Calm",
      csmName: "J",
      today: "2026-11-24",
      daysToRenewal: 300,
      healthTrendChange: 2,
      weakestComponent: null,
      contacts: [],
    });
    expect(d.to).toBeNull();
    expect(d.subject).toBe("Calm: quick check-in");
    expect(d.reasons).toEqual([]);
  });
});

describe("CRM links", () => {
  const cfg = {
    salesforceAppUrl: "https://acme.lightning.force.com/x",
    hubspotAppUrl: "https://app.hubspot.com",
    hubspotPortalId: "123",
  };
  it("links linked records only, on https origins, with well-formed ids", () => {
    expect(
      crmLinks({ salesforce_account_id: "001ABCDEFGHIJKLAAA", hubspot_company_id: "987" }, cfg).map((l) => l.url),
    ).toEqual([
      "https://acme.lightning.force.com/lightning/r/Account/001ABCDEFGHIJKLAAA/view",
      "https://app.hubspot.com/contacts/123/record/0-2/987",
    ]);
    expect(crmLinks({ salesforce_account_id: null, hubspot_company_id: null }, cfg)).toEqual([]);
    expect(
      crmLinks(
        { salesforce_account_id: "bad/../id", hubspot_company_id: "1" },
        { ...cfg, salesforceAppUrl: "javascript:alert(1)", hubspotPortalId: "" },
      ),
    ).toEqual([]);
  });
});
