import type { EthicoRole } from "./enums";

// Who sees which clients (PRD "Security": CSM sees own portfolio, VP sees all).
// docs/permissions.md is the table a person reads; this is the one the code obeys.

export type ClientScope =
  | { kind: "all" }
  | { kind: "csm"; userId: string }
  | { kind: "ae"; userId: string };

export function clientScopeFor(user: { id: string; role: EthicoRole }): ClientScope {
  switch (user.role) {
    case "VP_CLIENT_SUCCESS":
    case "VP_SALES":
    case "ADMIN":
      return { kind: "all" };
    case "AE":
      return { kind: "ae", userId: user.id };
    case "CSM":
    case "SENIOR_CSM":
      return { kind: "csm", userId: user.id };
  }
}

export function canSeeClient(
  scope: ClientScope,
  client: { csm_user_id: string | null; ae_user_id: string | null },
): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "csm") return client.csm_user_id === scope.userId;
  return client.ae_user_id === scope.userId;
}

/** Whether the role may filter the portfolio by CSM (VPs and admins look across the team). */
export function canFilterByCsm(role: EthicoRole): boolean {
  return role === "VP_CLIENT_SUCCESS" || role === "VP_SALES" || role === "ADMIN" || role === "AE";
}

/**
 * Who may change the CRM settings (connections, credentials, field mapping, enable): the VP of
 * Client Success, the persona of US-015-050/051, and admins. Every change is audited.
 */
export const CRM_SETTINGS_EDITORS: readonly EthicoRole[] = ["VP_CLIENT_SUCCESS", "ADMIN"];

export function canChangeCrmSettings(role: EthicoRole): boolean {
  return CRM_SETTINGS_EDITORS.includes(role);
}

/** Who may open the health-score configuration page and save formula versions (US-015-020). */
export function canConfigureHealthScore(role: EthicoRole): boolean {
  return role === "VP_CLIENT_SUCCESS" || role === "ADMIN";
}
