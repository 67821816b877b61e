import { describe, expect, it } from "vitest";

import { contactName, type CrmContact, type OurContact, planContact } from "./contacts";

const sarah: CrmContact = {
  crm_id: "003A",
  first_name: "Sarah",
  last_name: "Lee",
  email: "Sarah.Lee@Acme.test",
  phone: "+1 555 0100",
  title: "CCO",
};
const ours: OurContact[] = [
  {
    id: "c1",
    name: "Sarah Lee",
    email: "sarah.lee@acme.test",
    phone: null,
    title: "Chief Compliance Officer",
    crm_id: null,
  },
  { id: "c2", name: "Tom Diaz", email: "tom@acme.test", phone: null, title: null, crm_id: "003B" },
];

describe("CRM contacts", () => {
  it("links a hand-entered contact by email and takes the CRM's details", () => {
    expect(planContact(sarah, ours, "Salesforce")).toEqual({
      kind: "update",
      id: "c1",
      values: { phone: "+1 555 0100", title: "CCO", crm_id: "003A" },
    });
  });

  it("finds a linked contact by CRM id even when the email changed", () => {
    expect(
      planContact(
        { crm_id: "003B", first_name: "Tom", last_name: "Diaz", email: "t.diaz@acme.test", phone: null, title: null },
        ours,
        "Salesforce",
      ),
    ).toEqual({ kind: "update", id: "c2", values: { email: "t.diaz@acme.test" } });
    expect(
      planContact(
        { crm_id: "003B", first_name: "Tom", last_name: "Diaz", email: "tom@acme.test", phone: null, title: null },
        ours,
        "Salesforce",
      ),
    ).toEqual({ kind: "unchanged", id: "c2" });
  });

  it("does not link by email to a contact that already belongs to another CRM record", () => {
    expect(planContact({ ...sarah, crm_id: "003Z", email: "tom@acme.test" }, ours, "Salesforce").kind).toBe("create");
  });

  it("creates new people marked for review, placeholders named by email or id", () => {
    expect(
      planContact(
        { crm_id: "003N", first_name: " Ana ", last_name: null, email: null, phone: "", title: null },
        ours,
        "HubSpot",
      ),
    ).toEqual({ kind: "create", values: { name: "Ana", email: null, phone: null, title: null, needs_review: true } });
    expect(
      contactName(
        { crm_id: "003N", first_name: null, last_name: "", email: "x@y.test", phone: null, title: null },
        "HubSpot",
      ),
    ).toEqual({ name: "x@y.test", placeholder: true });
    expect(
      contactName(
        { crm_id: "003N", first_name: null, last_name: null, email: null, phone: null, title: null },
        "HubSpot",
      ),
    ).toEqual({ name: "Unnamed HubSpot contact 003N", placeholder: true });
  });

  it("never blanks what we hold when the CRM sends nothing", () => {
    expect(
      planContact(
        { crm_id: "003B", first_name: null, last_name: null, email: null, phone: null, title: null },
        ours,
        "Salesforce",
      ),
    ).toEqual({ kind: "unchanged", id: "c2" });
  });
});
