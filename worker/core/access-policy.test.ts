import { describe, expect, it } from "vitest";

import {
  can,
  canSeeClient,
  CLIENT_SCOPE_BY_ROLE,
  clientScopeFor,
  CSM_ROLES,
  type Permission,
  PERMISSIONS,
  ROLE_GROUPS,
} from "./access-policy";
import { ETHICO_ROLES, type EthicoRole } from "./enums";

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
    expect(CSM_ROLES).toEqual(["CSM", "SENIOR_CSM"]);
  });

  it("limits AEs to their AE-assigned clients", () => {
    expect(canSeeClient(clientScopeFor({ id: "u-ae", role: "AE" }), client)).toBe(true);
    expect(canSeeClient(clientScopeFor({ id: "u-csm", role: "AE" }), client)).toBe(false);
  });

  it("has a rule for every role", () => {
    for (const role of ETHICO_ROLES) expect(clientScopeFor({ id: "x", role })).toBeDefined();
    expect(Object.keys(CLIENT_SCOPE_BY_ROLE).sort()).toEqual([...ETHICO_ROLES].sort());
  });
});

// The table as docs/permissions.md states it, written out once more on purpose: a change to
// who may do what must change both, so it is never made by accident.
const EXPECTED: Record<Permission, EthicoRole[]> = {
  "portfolio.filter_by_csm": ["AE", "VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN"],
  "team.see_names": ["VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN"],
  "health_config.read": ["VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN"],
  "health_config.write": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "records.change_others": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "churn_model.train": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "crm.settings.read": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "crm.settings.change": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "crm.operate": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "retention.read": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "audit.read": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "ai_health.read": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "alert_settings.change_global": ["VP_CLIENT_SUCCESS", "ADMIN"],
  "alert_settings.change_client": ["CSM", "SENIOR_CSM", "VP_CLIENT_SUCCESS", "ADMIN"],
  "system.read": ["ADMIN"],
};

describe("the permission table", () => {
  it("grants each action to exactly the roles docs/permissions.md names", () => {
    for (const [permission, roles] of Object.entries(EXPECTED) as [Permission, EthicoRole[]][]) {
      for (const role of ETHICO_ROLES)
        expect(can(role, permission), `${role} ${permission}`).toBe(roles.includes(role));
    }
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("speaks the access matrix's vocabulary: every route-level action is one of its role groups", () => {
    // The two that are not are row-level refinements the matrix checks through its fixtures:
    // the CSM filter (a narrowing, not a refusal) and a client's own alert settings.
    const refinements: Permission[] = ["portfolio.filter_by_csm", "alert_settings.change_client"];
    const groups = Object.values(ROLE_GROUPS).map((g) => [...g].sort().join(","));
    for (const [permission, roles] of Object.entries(PERMISSIONS) as [Permission, readonly EthicoRole[]][]) {
      if (refinements.includes(permission)) continue;
      expect(groups, permission).toContain([...roles].sort().join(","));
    }
  });
});
