import { describe, expect, it } from "vitest";
import { canSeeClient, clientScopeFor } from "./access-policy";
import { ETHICO_ROLES } from "./enums";

const client = { csm_user_id: "u-csm", ae_user_id: "u-ae" };

describe("client scope by role", () => {
  it("lets VPs and admins see every client", () => {
    for (const role of ["VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN"] as const) {
      expect(clientScopeFor({ id: "x", role })).toEqual({ kind: "all" });
      expect(canSeeClient(clientScopeFor({ id: "x", role }), { csm_user_id: null, ae_user_id: null })).toBe(true);
    }
  });

  it("limits CSMs (senior included) to clients assigned to them", () => {
    for (const role of ["CSM", "SENIOR_CSM"] as const) {
      expect(canSeeClient(clientScopeFor({ id: "u-csm", role }), client)).toBe(true);
      expect(canSeeClient(clientScopeFor({ id: "u-other", role }), client)).toBe(false);
      expect(canSeeClient(clientScopeFor({ id: "u-ae", role }), client)).toBe(false);
    }
  });

  it("limits AEs to their AE-assigned clients", () => {
    expect(canSeeClient(clientScopeFor({ id: "u-ae", role: "AE" }), client)).toBe(true);
    expect(canSeeClient(clientScopeFor({ id: "u-csm", role: "AE" }), client)).toBe(false);
  });

  it("has a rule for every role", () => {
    for (const role of ETHICO_ROLES) expect(clientScopeFor({ id: "x", role })).toBeDefined();
  });
});
