import type { EthicoRole } from "./enums";

// Who sees which clients and who may do what: the one table the code obeys (decision 024).
// docs/permissions.md is the same table for people; test/helpers/access-policies.ts derives the
// access matrix's expectations from it, and access-policy.test.ts keeps the two vocabularies
// aligned. A role check anywhere in worker/ or app/ reads this file; none lists roles itself.

// ── Row scoping: which clients a role sees (PRD "Security": a CSM their own book, VPs all). ──

export type ScopeKind = "all" | "csm" | "ae";

export const CLIENT_SCOPE_BY_ROLE: Readonly<Record<EthicoRole, ScopeKind>> = {
  CSM: "csm", // clients whose csm_user_id is theirs
  SENIOR_CSM: "csm",
  AE: "ae", // clients whose ae_user_id is theirs
  VP_CLIENT_SUCCESS: "all",
  VP_SALES: "all",
  ADMIN: "all",
};

/** The roles that own a book of clients as its CSM (the team view's CSMs, the CSM filter's choices). */
export const CSM_ROLES = (Object.keys(CLIENT_SCOPE_BY_ROLE) as EthicoRole[]).filter(
  (r) => CLIENT_SCOPE_BY_ROLE[r] === "csm",
);

export type ClientScope = { kind: "all" } | { kind: "csm"; userId: string } | { kind: "ae"; userId: string };

export function clientScopeFor(user: { id: string; role: EthicoRole }): ClientScope {
  const kind = CLIENT_SCOPE_BY_ROLE[user.role];
  return kind === "all" ? { kind } : { kind, userId: user.id };
}

export function canSeeClient(
  scope: ClientScope,
  client: { csm_user_id: string | null; ae_user_id: string | null },
): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "csm") return client.csm_user_id === scope.userId;
  return client.ae_user_id === scope.userId;
}

// ── Capabilities: each action → the roles that may take it. ──

/** The role groups the access matrix names (docs/permissions.md, "What each role gets"). */
export const ROLE_GROUPS = {
  /** VP of Client Success, VP of Sales, admin. */
  leaders: ["VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN"],
  /** Those accountable for the data and its settings: the VP of Client Success and admins. */
  supervisors: ["VP_CLIENT_SUCCESS", "ADMIN"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly EthicoRole[]>;

const { leaders, supervisors, admin } = ROLE_GROUPS;

export const PERMISSIONS = {
  /** Filter the portfolio, briefing and CSM choices by CSM (those who look across CSMs). */
  "portfolio.filter_by_csm": ["VP_CLIENT_SUCCESS", "VP_SALES", "ADMIN", "AE"],
  /** The team view by name and any CSM's metrics; others see themselves and anonymised peers. */
  "team.see_names": leaders,
  /** Health-score configurations and weight suggestions: read and simulate. */
  "health_config.read": leaders,
  /** Health-score configurations: create, new version, apply a suggestion, the admin page. */
  "health_config.write": supervisors,
  /** Change or delete what someone else wrote (activities, shared notes; never private notes). */
  "records.change_others": supervisors,
  "churn_model.train": supervisors,
  /** CRM connections: read (US-015-050: the VP of Client Success owns the CRM sync). */
  "crm.settings.read": supervisors,
  /** CRM connections: credentials, mapping, enable (audited). */
  "crm.settings.change": supervisors,
  /** Sync status, full sync, pull now, dead-letter replay, the conflict log, /admin/crm. */
  "crm.operate": supervisors,
  "retention.read": supervisors,
  "audit.read": supervisors,
  "ai_health.read": supervisors,
  "alert_settings.change_global": supervisors,
  /** One client's alert settings (besides seeing the client): its CSM, or a supervisor. */
  "alert_settings.change_client": ["VP_CLIENT_SUCCESS", "ADMIN", "CSM", "SENIOR_CSM"],
  /** /admin/system and GET /system. */
  "system.read": admin,
} as const satisfies Record<string, readonly EthicoRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether `role` may take the action. Row scope (which client) is a separate question: canSeeClient. */
export function can(role: EthicoRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly EthicoRole[]).includes(role);
}
