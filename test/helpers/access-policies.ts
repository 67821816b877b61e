import { can, CLIENT_SCOPE_BY_ROLE, ROLE_GROUPS } from "#worker/core/access-policy";
import type { EthicoRole } from "#worker/core/enums";

// The access matrix's table: who may call each route (docs/permissions.md says the same for
// people). test/access-matrix.test.ts enumerates the routes from the router and the Remix build
// and fails on a route missing here. Each entry gives a valid request, so a refusal is proven to
// be the policy's and not the validator's. Which roles each policy lets in is read from the one
// table the code obeys (worker/core/access-policy.ts), not restated here.

export const ROLES = {
  csm_owner: "jane.smith@ethico.test",
  csm_other: "john.doe@ethico.test",
  senior_csm: "senior.matrix@ethico.test",
  ae: "ae@ethico.test",
  vp_cs: "vp-cs@ethico.test",
  vp_sales: "vp-sales@ethico.test",
  admin: "admin@ethico.test",
  inactive: "former.csm@ethico.test",
  unknown: "nobody@example.com",
  none: null,
} as const;
export type RoleName = keyof typeof ROLES;

/** The role of each matrix identity that is an active user (seeded with these roles). */
export const ROLE_OF: Record<Exclude<RoleName, "inactive" | "unknown" | "none">, EthicoRole> = {
  csm_owner: "CSM",
  csm_other: "CSM",
  senior_csm: "SENIOR_CSM",
  ae: "AE",
  vp_cs: "VP_CLIENT_SUCCESS",
  vp_sales: "VP_SALES",
  admin: "ADMIN",
};

export interface Fixture {
  clientId: string;
  aeOwnsClient: boolean;
  industry: string;
  activityId: string;
  viewId: string;
  conversationId: string;
  interactionId: string;
  alertId: string;
  configId: string;
  featureKey: string;
  newNote: () => Promise<string>;
  newContact: () => Promise<string>;
  newActivity: () => Promise<string>;
}

/**
 * - everyone: every active user, over their own scope;
 * - client: whoever can see the client (its CSM, its AE, VPs, admin); others 404, the client's
 *   existence not revealed;
 * - client_author: the author (Jane), VP of Client Success, admin; others who see the client 403;
 * - leaders: VP of Client Success, VP of Sales, admin; supervisors: VP of Client Success, admin;
 * - admin: admin only; own: the owner (Jane) only, 404 for everyone else;
 * - self_or_leaders: Jane's own metrics: Jane, the VPs and admin; other CSMs and the AE 403;
 * - service: not a user route (service token or CRM signature): 401 to every user;
 * - local_only: the development user switcher's form post (404 outside local mode, where no one
 *   reaches it without an Access identity anyway); no_page: a route that answers 404 to everyone.
 */
export type Policy =
  | "everyone"
  | "client"
  | "client_author"
  | "leaders"
  | "supervisors"
  | "admin"
  | "own"
  | "self_or_leaders"
  | "service"
  | "local_only"
  | "no_page";

export function expected(policy: Policy, role: RoleName, fx: Fixture): "allow" | 401 | 403 | 404 {
  if (policy === "service" || role === "none") return 401;
  if (role === "inactive" || role === "unknown") return 403;
  if (policy === "local_only") return "allow";
  if (policy === "no_page") return 404;
  const r = ROLE_OF[role];
  // The fixture's client is Jane's (csm_owner) and, when aeOwnsClient, the AE's.
  const scope = CLIENT_SCOPE_BY_ROLE[r];
  const seesClient =
    scope === "all" || (scope === "csm" && role === "csm_owner") || (scope === "ae" && fx.aeOwnsClient);
  const inGroup = (g: keyof typeof ROLE_GROUPS) =>
    (ROLE_GROUPS[g] as readonly EthicoRole[]).includes(r) ? "allow" : 403;
  switch (policy) {
    case "everyone":
      return "allow";
    case "client":
      return seesClient ? "allow" : 404;
    case "client_author":
      // Jane wrote the fixture's activity and notes.
      if (!seesClient) return 404;
      return role === "csm_owner" || can(r, "records.change_others") ? "allow" : 403;
    case "leaders":
    case "supervisors":
    case "admin":
      return inGroup(policy);
    case "own":
      return role === "csm_owner" ? "allow" : 404;
    case "self_or_leaders":
      return role === "csm_owner" || can(r, "team.see_names") ? "allow" : 403;
  }
}

interface Entry {
  policy: Policy;
  request: (fx: Fixture) => Promise<{ path: string; init?: RequestInit }> | { path: string; init?: RequestInit };
}

const body = (b: unknown): RequestInit => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(b),
});
const form = (f: Record<string, string>): RequestInit => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(f).toString(),
});
const get = (policy: Policy, path: (fx: Fixture) => string): Entry => ({
  policy,
  request: (fx) => ({ path: path(fx) }),
});
const send = (policy: Policy, path: (fx: Fixture) => string, b: (fx: Fixture) => unknown = () => ({})): Entry => ({
  policy,
  request: (fx) => ({ path: path(fx), init: body(b(fx)) }),
});
const P = "/api/v1/client-success";
const weights = {
  usage_weight: 40,
  adoption_weight: 20,
  support_weight: 10,
  relationship_weight: 10,
  contract_weight: 10,
  outcome_weight: 10,
};
const c = (fx: Fixture) => `/clients/${fx.clientId}`;

export const API_POLICIES: Record<string, Entry> = {
  [`POST ${P}/events`]: send(
    "service",
    () => "/events",
    (fx) => ({
      events: [{ event_id: "matrix-1", client_id: fx.clientId, type: "login", occurred_at: new Date().toISOString() }],
    }),
  ),
  "POST /webhooks/hubspot": {
    policy: "service",
    request: () => ({ path: "https://csd.localhost/webhooks/hubspot", init: body([]) }),
  },
  "POST /webhooks/salesforce": {
    policy: "service",
    request: () => ({ path: "https://csd.localhost/webhooks/salesforce", init: body({}) }),
  },
  [`GET ${P}/clients`]: get("everyone", () => "/clients"),
  [`GET ${P}/clients/:id`]: get("client", c),
  [`GET ${P}/clients/:id/health`]: get("client", (fx) => `${c(fx)}/health`),
  [`GET ${P}/clients/:id/health/history`]: get("client", (fx) => `${c(fx)}/health/history`),
  [`POST ${P}/clients/:id/health/refresh`]: send("client", (fx) => `${c(fx)}/health/refresh`),
  [`GET ${P}/clients/:id/usage`]: get("client", (fx) => `${c(fx)}/usage`),
  [`GET ${P}/clients/:id/usage/users`]: get("client", (fx) => `${c(fx)}/usage/users`),
  [`GET ${P}/clients/:id/usage/heatmap`]: get("client", (fx) => `${c(fx)}/usage/heatmap`),
  [`GET ${P}/clients/:id/adoption`]: get("client", (fx) => `${c(fx)}/adoption`),
  [`GET ${P}/clients/:id/adoption/:feature`]: get("client", (fx) => `${c(fx)}/adoption/${fx.featureKey}`),
  [`GET ${P}/clients/:id/activities`]: get("client", (fx) => `${c(fx)}/activities`),
  [`GET ${P}/clients/:id/timeline`]: get("client", (fx) => `${c(fx)}/timeline`),
  [`POST ${P}/clients/:id/activities`]: send(
    "client",
    (fx) => `${c(fx)}/activities`,
    () => ({
      activity_type: "EMAIL",
      subject: "Matrix email",
      occurred_at: new Date(Date.now() - 60_000).toISOString(),
    }),
  ),
  [`DELETE ${P}/activities/:id`]: {
    policy: "client_author",
    request: async (fx) => ({ path: `/activities/${await fx.newActivity()}` }),
  },
  [`GET ${P}/tasks`]: get("everyone", () => "/tasks"),
  [`PUT ${P}/activities/:id`]: send(
    "client_author",
    (fx) => `/activities/${fx.activityId}`,
    () => ({ subject: "Matrix call (edited)" }),
  ),
  [`GET ${P}/clients/:id/contacts`]: get("client", (fx) => `${c(fx)}/contacts`),
  [`POST ${P}/clients/:id/contacts`]: send(
    "client",
    (fx) => `${c(fx)}/contacts`,
    () => ({ name: "Matrix Contact", role: "OTHER" }),
  ),
  [`GET ${P}/clients/:id/notes`]: get("client", (fx) => `${c(fx)}/notes`),
  [`POST ${P}/clients/:id/notes`]: send(
    "client",
    (fx) => `${c(fx)}/notes`,
    () => ({ content: "Matrix shared note", note_type: "GENERAL" }),
  ),
  [`PUT ${P}/contacts/:id`]: {
    policy: "client",
    request: async (fx) => ({ path: `/contacts/${await fx.newContact()}`, init: body({ title: "Director" }) }),
  },
  [`DELETE ${P}/contacts/:id`]: {
    policy: "client",
    request: async (fx) => ({ path: `/contacts/${await fx.newContact()}` }),
  },
  [`PUT ${P}/notes/:id`]: {
    policy: "client_author",
    request: async (fx) => ({ path: `/notes/${await fx.newNote()}`, init: body({ content: "Edited" }) }),
  },
  [`DELETE ${P}/notes/:id`]: {
    policy: "client_author",
    request: async (fx) => ({ path: `/notes/${await fx.newNote()}` }),
  },
  [`GET ${P}/clients/:id/benchmark`]: get("client", (fx) => `${c(fx)}/benchmark`),
  [`GET ${P}/benchmarks/industry/:industry`]: get(
    "everyone",
    (fx) => `/benchmarks/industry/${encodeURIComponent(fx.industry)}`,
  ),
  [`GET ${P}/clients/:id/churn-risk`]: get("client", (fx) => `${c(fx)}/churn-risk`),
  [`GET ${P}/clients/:id/summary`]: get("client", (fx) => `${c(fx)}/summary`),
  [`POST ${P}/clients/:id/ai/summary`]: send("client", (fx) => `${c(fx)}/ai/summary`),
  [`POST ${P}/clients/:id/ai/actions`]: send("client", (fx) => `${c(fx)}/ai/actions`),
  [`POST ${P}/clients/:id/ai/email-draft`]: send(
    "client",
    (fx) => `${c(fx)}/ai/email-draft`,
    () => ({ purpose: "CHECK_IN" }),
  ),
  [`GET ${P}/analytics/churn-risk`]: get("everyone", () => "/analytics/churn-risk"),
  [`GET ${P}/analytics/churn-model`]: get("everyone", () => "/analytics/churn-model"),
  [`POST ${P}/analytics/churn-model/train`]: send("supervisors", () => "/analytics/churn-model/train"),
  [`GET ${P}/analytics/portfolio`]: get("everyone", () => "/analytics/portfolio"),
  [`GET ${P}/analytics/health-distribution`]: get("everyone", () => "/analytics/health-distribution"),
  [`GET ${P}/analytics/at-risk`]: get("everyone", () => "/analytics/at-risk"),
  [`GET ${P}/analytics/renewals`]: get("everyone", () => "/analytics/renewals"),
  [`GET ${P}/analytics/csm-performance`]: get("everyone", () => "/analytics/csm-performance"),
  [`GET ${P}/analytics/csm/:id/metrics`]: get("self_or_leaders", () => "/analytics/csm/usr_jane_smith/metrics"),
  [`POST ${P}/ai/chat`]: send(
    "everyone",
    () => "/ai/chat",
    () => ({ message: "which clients renew this quarter?" }),
  ),
  [`GET ${P}/ai/conversations`]: get("everyone", () => "/ai/conversations"),
  [`GET ${P}/ai/conversations/:id`]: get("own", (fx) => `/ai/conversations/${fx.conversationId}`),
  [`GET ${P}/ai/briefing`]: get("everyone", () => "/ai/briefing"),
  [`POST ${P}/ai/feedback`]: send(
    "own",
    () => "/ai/feedback",
    (fx) => ({ interaction_id: fx.interactionId, rating: "up" }),
  ),
  [`GET ${P}/alerts`]: get("everyone", () => "/alerts"),
  [`GET ${P}/alerts/unread`]: get("everyone", () => "/alerts/unread"),
  [`GET ${P}/alerts/stream`]: get("everyone", () => "/alerts/stream"),
  [`POST ${P}/alerts/bulk`]: send(
    "client",
    () => "/alerts/bulk",
    (fx) => ({ action: "acknowledge", alert_ids: [fx.alertId] }),
  ),
  [`PUT ${P}/alerts/:id/acknowledge`]: send("client", (fx) => `/alerts/${fx.alertId}/acknowledge`),
  [`PUT ${P}/alerts/:id/snooze`]: send(
    "client",
    (fx) => `/alerts/${fx.alertId}/snooze`,
    () => ({ duration: "1d" }),
  ),
  [`PUT ${P}/alerts/:id/dismiss`]: send("client", (fx) => `/alerts/${fx.alertId}/dismiss`),
  [`PUT ${P}/alerts/:id/resolve`]: send(
    "client",
    (fx) => `/alerts/${fx.alertId}/resolve`,
    () => ({ notes: "Matrix" }),
  ),
  [`GET ${P}/crm/connections/:provider`]: get("supervisors", () => "/crm/connections/salesforce"),
  [`PUT ${P}/crm/connections/:provider`]: send(
    "supervisors",
    () => "/crm/connections/hubspot",
    () => ({
      base_url: "http://127.0.0.1:9",
      enabled: false,
      auth: { type: "private_app", access_token: "pat-na1-matrix" },
    }),
  ),
  [`GET ${P}/sync/status`]: get("supervisors", () => "/sync/status"),
  [`POST ${P}/sync/full`]: send("supervisors", () => "/sync/full"),
  [`POST ${P}/sync/pull/:provider`]: send("supervisors", () => "/sync/pull/salesforce"),
  [`GET ${P}/sync/conflicts`]: get("supervisors", () => "/sync/conflicts"),
  [`POST ${P}/sync/dead-letters/replay`]: send("supervisors", () => "/sync/dead-letters/replay"),
  [`POST ${P}/clients/:id/sync/:provider`]: send("client", (fx) => `${c(fx)}/sync/salesforce`),
  [`GET ${P}/clients/:id/alerts`]: get("client", (fx) => `${c(fx)}/alerts`),
  [`GET ${P}/config/alerts`]: get("everyone", () => "/config/alerts"),
  [`PUT ${P}/config/alerts`]: send(
    "supervisors",
    () => "/config/alerts",
    () => ({ types: { HEALTH_DROP: { threshold: 15 } } }),
  ),
  [`GET ${P}/me`]: get("everyone", () => "/me"),
  [`GET ${P}/retention`]: get("supervisors", () => "/retention"),
  [`GET ${P}/audit`]: get("supervisors", () => "/audit"),
  [`GET ${P}/system/ai`]: get("supervisors", () => "/system/ai"),
  [`GET ${P}/views`]: get("everyone", () => "/views"),
  [`POST ${P}/views`]: send(
    "everyone",
    () => "/views",
    () => ({ name: `Matrix ${crypto.randomUUID().slice(0, 8)}`, query: { sort: "arr" } }),
  ),
  [`DELETE ${P}/views/:id`]: { policy: "own", request: (fx) => ({ path: `/views/${fx.viewId}` }) },
  [`GET ${P}/system`]: get("admin", () => "/system"),
  [`GET ${P}/config/health-score`]: get("leaders", () => "/config/health-score"),
  [`POST ${P}/config/health-score`]: send(
    "supervisors",
    () => "/config/health-score",
    () => ({ name: "Matrix", applies_to_tier: "STARTER", ...weights }),
  ),
  [`PUT ${P}/config/health-score/:id`]: send(
    "supervisors",
    (fx) => `/config/health-score/${fx.configId}`,
    () => ({ name: "Default (matrix)", ...weights }),
  ),
  [`GET ${P}/config/health-score/:id/suggestion`]: get(
    "leaders",
    (fx) => `/config/health-score/${fx.configId}/suggestion`,
  ),
  [`POST ${P}/config/health-score/:id/suggestion/apply`]: send(
    "supervisors",
    (fx) => `/config/health-score/${fx.configId}/suggestion/apply`,
  ),
  [`POST ${P}/config/health-score/:id/simulate`]: send(
    "leaders",
    (fx) => `/config/health-score/${fx.configId}/simulate`,
    () => weights,
  ),
};

const page = (policy: Policy, path: (fx: Fixture) => string, f?: (fx: Fixture) => Record<string, string>): Entry => ({
  policy,
  request: (fx) => ({ path: path(fx), init: f ? form(f(fx)) : undefined }),
});

export const PAGE_POLICIES: Record<string, Entry> = {
  "GET /": page("everyone", () => "/"),
  // A form posted to the index route names it (?index), as Remix's <Form> does.
  "POST /": page(
    "everyone",
    () => "/?index",
    () => ({ intent: "save_view", name: `Matrix page ${crypto.randomUUID().slice(0, 8)}`, query: "sort=name" }),
  ),
  "GET /clients/:id": page("client", c),
  "POST /clients/:id": page("client", c, () => ({
    intent: "add_note",
    content: "Matrix page note",
    note_type: "GENERAL",
  })),
  "POST /clients/:id/schedule-call": page(
    "client",
    (fx) => `${c(fx)}/schedule-call`,
    () => ({
      start: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16),
      minutes: "30",
      subject: "Matrix call",
    }),
  ),
  "GET /alerts": page("everyone", () => "/alerts"),
  "GET /admin/system": page("admin", () => "/admin/system"),
  "POST /alerts": page(
    "client",
    () => "/alerts",
    (fx) => ({ intent: "acknowledge", alert_id: fx.alertId }),
  ),
  "GET /tasks": page("everyone", () => "/tasks"),
  "POST /tasks": page(
    "client_author",
    () => "/tasks",
    (fx) => ({
      intent: "reschedule",
      id: fx.activityId,
      due: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
    }),
  ),
  "GET /alerts/settings": page("everyone", () => "/alerts/settings"),
  "POST /alerts/settings": page(
    "supervisors",
    () => "/alerts/settings",
    () => ({ "HEALTH_DROP.threshold": "15" }),
  ),
  "GET /admin/crm": page("supervisors", () => "/admin/crm"),
  "POST /admin/crm": page(
    "supervisors",
    () => "/admin/crm",
    () => ({ intent: "replay" }),
  ),
  "GET /admin/audit": page("supervisors", () => "/admin/audit"),
  "GET /admin/ai-health": page("supervisors", () => "/admin/ai-health"),
  "GET /admin/health-score": page("supervisors", () => "/admin/health-score"),
  // A valid save: the same formula as the active default, as a new version of it.
  "POST /admin/health-score": page(
    "supervisors",
    () => "/admin/health-score",
    (fx) => ({
      intent: "save",
      scope: "default",
      base_id: fx.configId,
      usage_weight: "40",
      adoption_weight: "20",
      support_weight: "10",
      relationship_weight: "10",
      contract_weight: "10",
      outcome_weight: "10",
      healthy_threshold: "80",
      monitor_threshold: "60",
      at_risk_threshold: "40",
    }),
  ),
  "GET /admin/health-score/preview": page(
    "supervisors",
    () =>
      "/admin/health-score/preview?scope=default&usage_weight=40&adoption_weight=20&support_weight=10&relationship_weight=10&contract_weight=10&outcome_weight=10",
  ),
  "GET /palette": page("everyone", () => "/palette"),
  "GET /assistant": page("everyone", () => "/assistant"),
  "POST /assistant": page(
    "everyone",
    () => "/assistant",
    () => ({ intent: "chat", message: "who renews next?" }),
  ),
  "GET /churn-model": page("everyone", () => "/churn-model"),
  "POST /churn-model": page(
    "supervisors",
    () => "/churn-model",
    () => ({ intent: "retrain" }),
  ),
  "GET /executive": page("everyone", () => "/executive"),
  "GET /briefing": page("everyone", () => "/briefing"),
  "GET /team": page("everyone", () => "/team"),
  "GET /benchmarks": page("everyone", () => "/benchmarks"),
};
