import type { AlertSeverity, AlertStatus } from "#worker/core/enums";

import { SEVERITY_RANK } from "./alert-order";

// One event, one card (docs/decisions/018-alert-inbox.md). Alerts of one client that share a
// cause are shown, counted and acted on together: a key contact gone quiet raises "has not
// logged in for 21 days" (KEY_USER_INACTIVE) and, being the champion, "is disengaging"
// (CHAMPION_RISK) — one person, one conversation to have. Every other alert is its own cause
// (its condition). And one definition of "open" for the bell, the list and the page title.

export interface CauseSource {
  related_entity_type: string | null;
  related_entity_id: string | null;
  dedup_key: string | null;
}

/** The cause key stored with an alert; the migration backfills the same rule in SQL. */
export function causeKey(a: CauseSource, alertId?: string): string {
  if (a.related_entity_type === "contact" && a.related_entity_id) return `contact:${a.related_entity_id}`;
  if (a.dedup_key) return `condition:${a.dedup_key}`;
  return `alert:${alertId ?? "unknown"}`;
}

/** The statuses an alert is open in, once its snooze (if any) has ended. */
export const OPEN_STATUSES: readonly AlertStatus[] = ["NEW", "ACKNOWLEDGED"];

/**
 * The status an alert is in at `nowIso`: a snooze that has ended is new again, even before the
 * hourly job writes it back (so the bell and the list never wait for the cron).
 */
export function effectiveStatus(a: { status: AlertStatus; snoozed_until: string | null }, nowIso: string): AlertStatus {
  return a.status === "SNOOZED" && (!a.snoozed_until || a.snoozed_until <= nowIso) ? "NEW" : a.status;
}

export function isOpen(a: { status: AlertStatus; snoozed_until: string | null }, nowIso: string): boolean {
  return OPEN_STATUSES.includes(effectiveStatus(a, nowIso));
}

export interface CardAlert {
  id: string;
  client_id: string;
  cause_key: string | null;
  severity: AlertSeverity;
  created_at: string;
}

export interface AlertCard<A extends CardAlert> {
  key: string;
  /** The alert the card leads with: the most severe, then the newest. */
  lead: A;
  /** The other alerts on the same cause, newest first. */
  linked: A[];
  newest: string;
}

export interface ClientGroup<A extends CardAlert> {
  client_id: string;
  cards: AlertCard<A>[];
}

const cardKeyOf = (a: CardAlert) => a.cause_key ?? `alert:${a.id}`;

/**
 * Groups alerts (in the order the page lists them) by client, then by cause: clients keep the
 * order in which they first appear, and inside a client the card with the newest alert is first.
 */
export function groupAlerts<A extends CardAlert>(alerts: A[]): ClientGroup<A>[] {
  const groups = new Map<string, Map<string, A[]>>();
  for (const a of alerts) {
    const byCause = groups.get(a.client_id) ?? new Map<string, A[]>();
    groups.set(a.client_id, byCause);
    const key = cardKeyOf(a);
    byCause.set(key, [...(byCause.get(key) ?? []), a]);
  }
  return [...groups].map(([client_id, byCause]) => ({
    client_id,
    cards: [...byCause]
      .map(([key, members]) => {
        const [lead, ...linked] = [...members].sort(
          (x, y) =>
            SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
            y.created_at.localeCompare(x.created_at) ||
            x.id.localeCompare(y.id),
        );
        linked.sort((x, y) => y.created_at.localeCompare(x.created_at));
        return {
          key,
          lead: lead!,
          linked,
          newest: members.reduce((m, a) => (a.created_at > m ? a.created_at : m), ""),
        };
      })
      .sort((x, y) => y.newest.localeCompare(x.newest) || x.key.localeCompare(y.key)),
  }));
}
