import { can } from "#worker/core/access-policy";
import { anonymise, type CsmAggregates, type Scorecard, scorecard, teamAverage } from "#worker/core/csm-scorecard";
import { addDays, isoDate } from "#worker/core/dates";
import { notFound } from "#worker/core/errors";
import type { Db } from "#worker/db/client";
import { csmHealthHistory, csmPerformanceRows, type PerformanceWindow } from "#worker/db/queries/csm-performance";
import { type EthicoUserRow, listCsms } from "#worker/db/queries/users";
import type { RawRow } from "#worker/db/raw-batch";

import { recordAudit } from "./audit";
import { deny } from "./client-access";

// CSM performance (US-015-042): scorecards per CSM, the team view and one CSM's metrics.

/** Who sees the team by name; everyone else sees the others anonymised. */
export const canSeeNamedTeam = (user: EthicoUserRow) => can(user.role, "team.see_names");

function window(now: Date, periodDays: number): PerformanceWindow {
  const today = isoDate(now);
  return { today, from: addDays(today, -periodDays), yearAgo: addDays(today, -365) };
}

async function scorecards(
  db: Db,
  user: EthicoUserRow,
  w: PerformanceWindow,
  only: string[] | null,
): Promise<Scorecard[]> {
  const csms = (await listCsms(db)).filter((c) => !only || only.includes(c.id));
  const rows = await csmPerformanceRows(db, w, only);
  const by = <K extends keyof CsmAggregates>(list: RawRow[]) =>
    new Map(
      list.map(({ csm_id, ...rest }) => [csm_id as string, numbers(rest) as unknown as NonNullable<CsmAggregates[K]>]),
    );
  const portfolio = by<"portfolio">(rows.portfolio);
  const start = by<"start">(rows.start);
  const renewals = by<"renewals">(rows.renewals);
  const nps = by<"nps">(rows.nps);
  const alerts = by<"alerts">(rows.alerts);
  const activity = new Map<string, Record<string, number>>();
  for (const r of rows.activity) {
    const m = activity.get(r.csm_id as string) ?? {};
    m[r.activity_type as string] = Number(r.n);
    activity.set(r.csm_id as string, m);
  }
  // A CSM with no book, no activity and no renewals in the window (a departed one) has no card.
  return csms
    .map((c) =>
      scorecard(
        { id: c.id, name: `${c.first_name} ${c.last_name}`, is_me: c.id === user.id },
        {
          portfolio: portfolio.get(c.id),
          start: start.get(c.id),
          renewals: renewals.get(c.id),
          nps: nps.get(c.id),
          alerts: alerts.get(c.id),
          activity: activity.get(c.id) ?? {},
        },
      ),
    )
    .filter((card) => card.clients > 0 || card.activities.total > 0 || card.retention.renewals > 0);
}

const numbers = (r: RawRow) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Number(v)]));

/** A small stable hash (FNV-1a) to order anonymised rows independently of names. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Every CSM's scorecard with team averages; names only for VPs and admins. */
export async function csmPerformance(db: Db, user: EthicoUserRow, q: { period_days: number }, now: Date) {
  const w = window(now, q.period_days);
  const cards = await scorecards(db, user, w, null);
  const named = canSeeNamedTeam(user);
  const shown = named
    ? cards
    : anonymise(cards, fnv1a).sort(
        (a, b) => Number(b.csm.is_me) - Number(a.csm.is_me) || a.csm.name.localeCompare(b.csm.name),
      );
  await recordAudit(db, {
    user,
    action: "read",
    resourceType: "analytics.csm_performance",
    outcome: "SUCCESS",
    details: { period_days: q.period_days, anonymised: !named },
  });
  return {
    as_of: w.today,
    period: { from: w.from, to: w.today, days: q.period_days },
    anonymised: !named,
    team: teamAverage(cards),
    csms: shown,
  };
}

/** One CSM's scorecard against the team, with their book's health over the period. */
export async function csmMetrics(db: Db, user: EthicoUserRow, csmId: string, q: { period_days: number }, now: Date) {
  const audit = { action: "read", resourceType: "analytics.csm_metrics", resourceId: csmId };
  if (!canSeeNamedTeam(user) && csmId !== user.id) await deny(db, user, audit, "You can see only your own metrics");
  const w = window(now, q.period_days);
  const cards = await scorecards(db, user, w, null);
  const mine = cards.find((c) => c.csm.id === csmId);
  if (!mine) {
    await recordAudit(db, { user, ...audit, outcome: "NOT_FOUND", statusCode: 404 });
    throw notFound("CSM");
  }
  const step = Math.max(7, Math.round(q.period_days / 12));
  const dates: string[] = [];
  for (let back = q.period_days; back > 0; back -= step) dates.push(addDays(w.today, -back));
  dates.push(w.today);
  const history = await csmHealthHistory(db, csmId, dates);
  await recordAudit(db, { user, ...audit, outcome: "SUCCESS", details: { period_days: q.period_days } });
  return {
    as_of: w.today,
    period: { from: w.from, to: w.today, days: q.period_days },
    scorecard: mine,
    team: teamAverage(cards),
    health_history: history.map((h) => ({
      date: h.date as string,
      avg_health: Math.round(Number(h.avg_health)),
      clients: Number(h.clients),
    })),
  };
}
