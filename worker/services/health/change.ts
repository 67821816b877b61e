import { addDays, isoDate } from "#worker/core/dates";
import { type DaySnapshot, type HealthChange, healthChangeSince } from "#worker/core/health/change";
import { COMPONENT_KEYS } from "#worker/core/health/explain";
import { DEFAULT_WEIGHTS } from "#worker/core/health/score";
import type { Db } from "#worker/db/client";
import { snapshotsSince } from "#worker/db/queries/health-read";

// Today's snapshot against yesterday's, for the client page and GET /clients/:id/health. The
// caller has already checked the client is in the user's scope.

type SnapshotRow = Awaited<ReturnType<typeof snapshotsSince>>[number];

function toDay(r: SnapshotRow): DaySnapshot {
  return {
    date: r.date,
    overall: r.overall_score,
    scores: Object.fromEntries(COMPONENT_KEYS.map((k) => [k, r[`${k}_score`]])) as DaySnapshot["scores"],
    details: (r.component_details ?? {}) as DaySnapshot["details"],
    weights: r.weights_snapshot ?? DEFAULT_WEIGHTS,
  };
}

export async function healthChangeSinceYesterday(db: Db, clientId: string, now: Date): Promise<HealthChange> {
  const today = isoDate(now);
  const yesterday = addDays(today, -1);
  const rows = await snapshotsSince(db, clientId, yesterday);
  const at = (d: string) => rows.find((r) => r.date === d);
  const y = at(yesterday),
    t = at(today);
  return healthChangeSince(y ? toDay(y) : null, t ? toDay(t) : null);
}
