import type { PaletteItem } from "./palette";

// What the command palette and the "g" shortcuts offer besides clients: the pages of the main
// navigation the user sees, a few pages outside it, and common actions. Operators (the VP of
// Client Success and admins) also get theirs; the pages themselves still check the role.

export function paletteEntries(nav: readonly (readonly [string, string])[], operator: boolean) {
  const pages: PaletteItem[] = [
    ...nav.map(([to, label]) => ({ id: `page:${to}`, group: "Pages" as const, label, to })),
    { id: "page:/alerts", group: "Pages", label: "Alerts", keywords: "inbox notifications", to: "/alerts" },
    { id: "page:/tasks", group: "Pages", label: "Tasks", keywords: "follow-ups to do", to: "/tasks" },
    {
      id: "page:/alerts/settings",
      group: "Pages",
      label: "Alert settings",
      keywords: "thresholds channels",
      to: "/alerts/settings",
    },
  ];
  const actions: PaletteItem[] = [
    {
      id: "act:at-risk",
      group: "Actions",
      label: "Show at-risk clients",
      keywords: "critical portfolio filter",
      to: "/?health_status=AT_RISK%2CCRITICAL",
    },
    {
      id: "act:renewals",
      group: "Actions",
      label: "Show renewals in the next 90 days",
      keywords: "renewal portfolio filter",
      to: "/?renewal_within_days=90&sort=renewal_date",
    },
    {
      id: "act:export",
      group: "Actions",
      label: "Export the portfolio as CSV",
      keywords: "download spreadsheet",
      to: "/api/v1/client-success/clients?format=csv",
      reload: true,
    },
    { id: "act:ask", group: "Actions", label: "Ask the assistant", keywords: "ai chat question", to: "/assistant" },
    ...(operator
      ? [
          {
            id: "act:weights",
            group: "Actions" as const,
            label: "Change health-score weights",
            keywords: "formula configuration thresholds preview",
            to: "/admin/health-score",
          },
          {
            id: "act:crm-sync",
            group: "Actions" as const,
            label: "Queue a full CRM sync",
            keywords: "salesforce hubspot",
            to: "/admin/crm#sync-ops",
          },
          {
            id: "act:retrain",
            group: "Actions" as const,
            label: "Retrain the churn model",
            keywords: "churn model",
            to: "/churn-model",
          },
        ]
      : []),
  ];
  const goKeys = [
    { keys: "g p", to: "/", label: "Portfolio" },
    { keys: "g a", to: "/alerts", label: "Alerts" },
    { keys: "g t", to: "/tasks", label: "Tasks" },
    { keys: "g b", to: "/briefing", label: "Briefing" },
    { keys: "g c", to: "/churn-model", label: "Churn risk" },
    { keys: "g s", to: "/assistant", label: "Assistant" },
    ...(operator ? [{ keys: "g h", to: "/admin/health-score", label: "Health score" }] : []),
  ];
  return { pages, actions, goKeys };
}
