// CSM performance scorecards (US-015-042) from per-CSM aggregates, and the team view's
// anonymisation: a VP (or admin) sees names; everyone else sees their own row named and the
// rest as "CSM A", "CSM B"… in a stable order that does not follow the names.

export interface CsmAggregates {
  portfolio?: {
    clients: number;
    arr: number;
    avg_health: number | null;
    green: number;
    yellow: number;
    orange: number;
    red: number;
  };
  start?: { avg_then: number | null; avg_now: number | null };
  renewals?: { renewals: number; renewed: number; arr_before: number; arr_after: number };
  nps?: { responses: number; promoters: number; detractors: number };
  activity: Record<string, number>;
  alerts?: { alerts: number; acknowledged: number; avg_response_hours: number | null };
}

export interface Scorecard {
  csm: { id: string | null; name: string; is_me: boolean };
  clients: number;
  arr: number;
  avg_health: number | null;
  health_change: number | null;
  distribution: { green: number; yellow: number; orange: number; red: number };
  retention: { renewals: number; renewed: number; rate_pct: number | null; net_arr_retention_pct: number | null };
  nps: { responses: number; score: number | null };
  activities: { calls: number; meetings: number; qbrs: number; emails: number; other: number; total: number };
  alerts: { received: number; acknowledged: number; avg_response_hours: number | null };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : null);
const round1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

export function scorecard(csm: Scorecard["csm"], a: CsmAggregates): Scorecard {
  const act = a.activity;
  const calls = act.CALL ?? 0;
  const meetings = (act.MEETING ?? 0) + (act.EXECUTIVE_TOUCHPOINT ?? 0) + (act.TRAINING ?? 0) + (act.ONBOARDING ?? 0);
  const qbrs = act.QBR ?? 0;
  const emails = act.EMAIL ?? 0;
  const total = Object.values(act).reduce((t, n) => t + n, 0);
  const r = a.renewals;
  const n = a.nps;
  return {
    csm,
    clients: a.portfolio?.clients ?? 0,
    arr: a.portfolio?.arr ?? 0,
    avg_health:
      a.portfolio?.avg_health === null || a.portfolio?.avg_health === undefined
        ? null
        : Math.round(a.portfolio.avg_health),
    health_change:
      a.start?.avg_then === null || a.start?.avg_then === undefined || a.start.avg_now === null
        ? null
        : round1(a.start.avg_now - a.start.avg_then),
    distribution: {
      green: a.portfolio?.green ?? 0,
      yellow: a.portfolio?.yellow ?? 0,
      orange: a.portfolio?.orange ?? 0,
      red: a.portfolio?.red ?? 0,
    },
    retention: {
      renewals: r?.renewals ?? 0,
      renewed: r?.renewed ?? 0,
      rate_pct: r ? pct(r.renewed, r.renewals) : null,
      net_arr_retention_pct: r ? pct(r.arr_after, r.arr_before) : null,
    },
    // NPS proper: % promoters (9–10) minus % detractors (0–6), −100…100.
    nps: {
      responses: n?.responses ?? 0,
      score: n && n.responses > 0 ? Math.round((100 * (n.promoters - n.detractors)) / n.responses) : null,
    },
    activities: { calls, meetings, qbrs, emails, other: total - calls - meetings - qbrs - emails, total },
    alerts: {
      received: a.alerts?.alerts ?? 0,
      acknowledged: a.alerts?.acknowledged ?? 0,
      avg_response_hours: round1(a.alerts?.avg_response_hours),
    },
  };
}

/** Team averages over scorecards (clients-weighted where it matters). */
export function teamAverage(cards: Scorecard[]) {
  const withClients = cards.filter((c) => c.clients > 0);
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.round((v.reduce((t, x) => t + x, 0) / v.length) * 10) / 10 : null;
  };
  const renewals = cards.reduce((t, c) => t + c.retention.renewals, 0);
  const renewed = cards.reduce((t, c) => t + c.retention.renewed, 0);
  return {
    csms: cards.length,
    clients: cards.reduce((t, c) => t + c.clients, 0),
    avg_health: mean(withClients.map((c) => c.avg_health)),
    health_change: mean(withClients.map((c) => c.health_change)),
    retention_rate_pct: pct(renewed, renewals),
    nps: mean(cards.map((c) => c.nps.score)),
    activities_per_csm: mean(cards.map((c) => c.activities.total)),
    avg_response_hours: mean(cards.map((c) => c.alerts.avg_response_hours)),
  };
}

/** Letters for the anonymised team view: A…Z, then AA, AB… */
export function anonymousLabel(index: number): string {
  let s = "";
  let i = index;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return `CSM ${s}`;
}

/**
 * Hides other CSMs' identities for viewers who may not compare by name. Order is by the
 * scorecard's id hash, not the name, so a letter cannot be matched to an alphabetical roster.
 */
export function anonymise(cards: Scorecard[], hash: (id: string) => number): Scorecard[] {
  const others = cards.filter((c) => !c.csm.is_me).sort((a, b) => hash(a.csm.id ?? "") - hash(b.csm.id ?? ""));
  const label = new Map(others.map((c, i) => [c, anonymousLabel(i)]));
  return cards.map((c) => (c.csm.is_me ? c : { ...c, csm: { id: null, name: label.get(c)!, is_me: false } }));
}
