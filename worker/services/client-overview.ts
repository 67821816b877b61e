import { addDays, isoDate } from "#worker/core/dates";
import type { Db } from "#worker/db/client";
import { overviewRows } from "#worker/db/queries/client-overview";
import { cohortStanding } from "#worker/db/queries/health-read";
import { snapshotOn } from "#worker/db/queries/health-read";
import type { EthicoUserRow } from "#worker/db/queries/users";

import { clientInScope } from "./client-access";
import { healthChangeSinceYesterday } from "./health/change";

// What the Overview tab adds to the client detail: key events for the health chart, the tier
// cohort's average over the same 90 days, and the cohort comparison ("vs Enterprise Avg").
// Loaded beside the client detail (no waterfall), so it passes the scope gate itself.

export type KeyEventKind = "renewal" | "milestone" | "escalation" | "touchpoint";
export interface KeyEvent {
  date: string;
  kind: KeyEventKind;
  label: string;
}

const tierName = (t: string) => t.charAt(0) + t.slice(1).toLowerCase();

/** Go-live and contract anniversaries inside [from, to]. */
function milestones(
  c: { go_live_date: string | null; contract_start_date: string },
  from: string,
  to: string,
): KeyEvent[] {
  const out: KeyEvent[] = [];
  if (c.go_live_date && c.go_live_date >= from && c.go_live_date <= to)
    out.push({ date: c.go_live_date, kind: "milestone", label: "Went live" });
  const [y, m, d] = c.contract_start_date.split("-").map(Number);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const date = isoDate(new Date(Date.UTC(year, m - 1, d)));
    if (year > y && date >= from && date <= to)
      out.push({ date, kind: "milestone", label: `Contract anniversary (year ${year - y + 1} begins)` });
  }
  return out;
}

export async function clientOverviewExtras(
  db: Db,
  user: EthicoUserRow,
  clientId: string,
  day: string | null,
  now: Date,
) {
  const c = await clientInScope(db, user, clientId, { action: "read", resourceType: "client" });
  const today = isoDate(now);
  const from = addDays(today, -89);
  const cohortDates: string[] = [];
  for (let back = 89; back > 0; back -= 7) cohortDates.push(addDays(today, -back));
  cohortDates.push(today);
  const [rows, standing, daySnapshot, sinceYesterday] = await Promise.all([
    overviewRows(db, c.id, c.contract_tier, from, cohortDates),
    c.current_health_score === null
      ? null
      : cohortStanding(db, c.current_health_score, { tier: c.contract_tier, industry: c.industry }),
    day ? snapshotOn(db, c.id, day) : null,
    healthChangeSinceYesterday(db, c.id, now),
  ]);
  const events: KeyEvent[] = [
    ...rows.activities.map((a) => ({
      date: a.date as string,
      kind: (a.activity_type === "SUPPORT_ESCALATION" ? "escalation" : "touchpoint") as KeyEventKind,
      label: `${String(a.activity_type).replace(/_/g, " ").toLowerCase()}: ${a.subject}`,
    })),
    ...rows.tickets.map((t) => ({
      date: t.date as string,
      kind: "escalation" as const,
      label: `${String(t.severity).toLowerCase()} ticket: ${t.subject}`,
    })),
    ...rows.renewals.map((r) => ({
      date: r.date as string,
      kind: "renewal" as const,
      label: `Renewal ${String(r.outcome).toLowerCase()}`,
    })),
    ...milestones(c, from, today),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return {
    events,
    sinceYesterday,
    cohort: {
      label: `${tierName(c.contract_tier)} avg`,
      points: rows.cohort.map((r) => ({ date: r.date as string, avg: Number(r.avg) })),
    },
    day: daySnapshot
      ? {
          date: daySnapshot.date,
          overall_score: daySnapshot.overall_score,
          components: {
            usage: daySnapshot.usage_score,
            adoption: daySnapshot.adoption_score,
            support: daySnapshot.support_score,
            relationship: daySnapshot.relationship_score,
            contract: daySnapshot.contract_score,
            outcome: daySnapshot.outcome_score,
          },
          details: daySnapshot.component_details ?? {},
          notable_events: daySnapshot.notable_events,
        }
      : null,
    standing: standing && {
      tier: standing.tier && { label: tierName(c.contract_tier), ...standing.tier },
      industry: standing.industry && { label: c.industry ?? "Other", ...standing.industry },
    },
  };
}
