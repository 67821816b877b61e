import type { Module, PaymentStatus, TicketSeverity } from "#worker/core/enums";
import { adoptionLevel, FEATURE_CATALOG, isActivelyUsed } from "#worker/core/feature-catalog";
import { BUILT_IN_CONFIG } from "#worker/core/health/config";
import { evaluateHealth } from "#worker/core/health/engine";
import type { Touchpoint } from "#worker/core/health/relationship";

import { makeActivity, type SimActivity } from "./csm-activity";
import type { SimContact, SimUser } from "./people";
import { type ClientProfile, inEpisode } from "./profile";
import type { Rng } from "./random";
import { decideRenewal } from "./renewal";
import { RollingSum } from "./rolling";

// Plays one client's story day by day. Engagement is latent; everything stored is what that
// engagement produces: logins, actions, cases, tickets, survey answers, CSM touchpoints, and
// at each contract anniversary, renewal or churn with odds that rise as engagement decays,
// support trouble grows and the relationship is neglected.

export interface Calendar {
  dates: string[]; // day index → YYYY-MM-DD, last = as-of day
  dow: number[]; // 0 = Sunday
  monthDay: string[]; // MM-DD, for anniversaries
}

export interface UserDay {
  userIdx: number;
  day: number;
  logins: number;
  sessions: number;
  actions: number;
  duration: number;
  modules: Partial<Record<Module, number>>;
  hour: number;
}
export interface DayMetrics {
  day: number;
  dau: number;
  wau: number;
  mau: number;
  totalUsers: number;
  newUsers: number;
  sessions: number;
  duration: number;
  actions: number;
  casesCreated: number;
  casesClosed: number;
  reports: number;
  disclosures: number;
  policies: number;
  chatbot: number;
  byHour: Record<string, number>;
  dowKey: string;
}
export interface DayHealth {
  day: number;
  evaluation: ReturnType<typeof evaluateHealth>;
  overall: number;
  events: string[];
}
export interface Ticket {
  id: string;
  day: number;
  closeDay: number | null;
  severity: TicketSeverity;
  module: Module;
  csat: number | null;
}
export interface Survey {
  id: string;
  day: number;
  minute: number;
  kind: "NPS" | "CSAT";
  score: number;
  userIdx: number | null;
}
export interface Renewal {
  day: number;
  outcome: "RENEWED" | "CHURNED";
  probability: number;
  features: Record<string, number | null>;
}
export interface ActivityOnDay extends SimActivity {
  day: number;
}

export interface Simulation {
  firstDay: number;
  churnDay: number | null;
  userDays: UserDay[];
  metrics: DayMetrics[];
  health: DayHealth[];
  tickets: Ticket[];
  surveys: Survey[];
  renewals: Renewal[];
  activities: ActivityOnDay[];
  lastActive: number[]; // per user, day index or -Infinity
  lastContact: number[]; // per contact
  featureDaily: number[][]; // feature index → per-day uses
  configured: boolean[];
  payment: PaymentStatus;
}

const NEVER = -1_000_000;
const DOW_KEYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const SEVERITIES: readonly (readonly [TicketSeverity, number])[] = [
  ["LOW", 40],
  ["MEDIUM", 35],
  ["HIGH", 20],
  ["URGENT", 5],
];
const TROUBLE_SEVERITIES: readonly (readonly [TicketSeverity, number])[] = [
  ["LOW", 15],
  ["MEDIUM", 35],
  ["HIGH", 35],
  ["URGENT", 15],
];

export function simulateClient(
  rng: Rng,
  p: ClientProfile,
  users: SimUser[],
  contacts: SimContact[],
  cal: Calendar,
  keepUserDaysFrom: number,
): Simulation {
  const D = cal.dates.length;
  const firstDay = Math.max(0, D - 1 - daysBefore(cal.dates[D - 1], p.contractStart));
  const goLiveDay = Math.max(firstDay, D - 1 - daysBefore(cal.dates[D - 1], p.goLive));
  for (const u of users) u.registeredDay = Math.max(u.registeredDay, goLiveDay);
  const sim: Simulation = {
    firstDay,
    churnDay: null,
    userDays: [],
    metrics: [],
    health: [],
    tickets: [],
    surveys: [],
    renewals: [],
    activities: [],
    lastActive: users.map(() => -Infinity),
    lastContact: contacts.map(() => NEVER),
    featureDaily: FEATURE_CATALOG.map(() => new Array(D).fill(0)),
    // PRD's Acme adoption tab: Policy Management licensed but not configured.
    configured: FEATURE_CATALOG.map((f) =>
      p.story === "acme" ? f.module !== "POLICY_MANAGEMENT" : p.story !== null || rng.chance(0.9),
    ),
    payment: "CURRENT",
  };
  const licensed = FEATURE_CATALOG.map((f) => p.modules.includes(f.module));
  const f30 = FEATURE_CATALOG.map(() => new RollingSum(30));
  const dau7 = new RollingSum(7);
  const tickets30 = {
    LOW: new RollingSum(30),
    MEDIUM: new RollingSum(30),
    HIGH: new RollingSum(30),
    URGENT: new RollingSum(30),
  };
  const csatSum = new RollingSum(90),
    csatN = new RollingSum(90),
    created90 = new RollingSum(90),
    closed90 = new RollingSum(90);
  const eHistory: number[] = [];
  let e = p.baseEngagement;
  let backlog = 0;
  // Contact before the window is not on record, so it does not count (the engine cannot see it).
  let lastCsmDay = NEVER;
  let latestNps: { day: number; score: number } | null = null;
  const npsOffset = rng.int(0, 89);
  const qbrOffset = rng.int(0, 89);

  for (let d = firstDay; d < D; d++) {
    // Latent engagement drifts toward a target that episodes move.
    let target = p.baseEngagement;
    const dec = p.decline;
    if (dec && d >= dec.start) {
      const progress = Math.min(1, (d - dec.start + 1) / dec.length);
      target *= 1 - dec.depth * (d < dec.start + dec.length || !p.recovers ? progress : 0);
    }
    const trouble = inEpisode(p.supportTrouble, d);
    if (trouble) target *= 0.93;
    // The PRD's story clients drift less, so their story reads the same whatever the as-of date.
    e = Math.min(1, Math.max(0.02, e + 0.15 * (target - e) + rng.normal(0, p.story ? 0.005 : 0.02)));
    eHistory.push(e);
    const weekend = cal.dow[d] === 0 || cal.dow[d] === 6;
    const wf = weekend ? 0.1 : 1;

    // Module mix: an abandoned module gets no more actions.
    const modules = p.modules.filter(
      (m) => !(p.abandonModule && p.abandonModule.module === m && d >= p.abandonModule.from),
    );
    const moduleActions: Partial<Record<Module, number>> = {};
    let dau = 0,
      wau = 0,
      mau = 0,
      totalUsers = 0,
      newUsers = 0,
      sessions = 0,
      duration = 0,
      actions = 0;
    const byHour: Record<string, number> = {};
    // Who is active today. Story clients get exactly the expected number of active users
    // (chosen by weighted sampling), so their story does not hinge on a lucky draw.
    const pActive = users.map((u) => Math.min(0.95, e * u.propensity * 0.45 * wf));
    let storyActive: Set<number> | null = null;
    if (p.story) {
      const eligible = users
        .map((_, ui) => ui)
        .filter((ui) => users[ui].registeredDay <= d && !(users[ui].silentFrom !== null && d >= users[ui].silentFrom!));
      const k = Math.round(eligible.reduce((sum, ui) => sum + pActive[ui], 0));
      const keyed = eligible
        .map((ui) => [ui, Math.pow(rng.next(), 1 / Math.max(1e-6, pActive[ui]))] as const)
        .sort((a, b) => b[1] - a[1]);
      storyActive = new Set(keyed.slice(0, k).map(([ui]) => ui));
    }
    users.forEach((u, ui) => {
      if (u.registeredDay > d) return;
      totalUsers++;
      if (u.registeredDay === d && d > firstDay) newUsers++;
      const silenced = u.silentFrom !== null && d >= u.silentFrom;
      const forced = u.silentFrom !== null && d === u.silentFrom - 1;
      const activeToday = storyActive ? storyActive.has(ui) : !silenced && rng.chance(pActive[ui]);
      if (forced || activeToday) {
        const s = 1 + rng.poisson(0.4 * e * u.propensity);
        const a = s * (2 + rng.poisson(5 * e));
        const dur = s * Math.round(rng.float(300, 1500) * (0.6 + e));
        const hour = Math.min(23, Math.max(0, Math.round(rng.normal(15, 2.5))));
        const split = splitActions(rng, a, modules);
        for (const [m, n] of Object.entries(split)) moduleActions[m as Module] = (moduleActions[m as Module] ?? 0) + n;
        dau++;
        sessions += s;
        duration += dur;
        actions += a;
        byHour[hour] = (byHour[hour] ?? 0) + s;
        sim.lastActive[ui] = d;
        if (d >= keepUserDaysFrom)
          sim.userDays.push({
            userIdx: ui,
            day: d,
            logins: s,
            sessions: s,
            actions: a,
            duration: dur,
            modules: split,
            hour,
          });
      }
      if (sim.lastActive[ui] >= d - 6) wau++;
      if (sim.lastActive[ui] >= d - 29) mau++;
    });

    // Module events derived from actions.
    const caseA = moduleActions.CASE_MANAGEMENT ?? 0,
      analyticsA = moduleActions.ANALYTICS ?? 0,
      discA = moduleActions.DISCLOSURES ?? 0;
    const casesCreated = rng.binomial(caseA, 0.12);
    backlog += casesCreated;
    // Acme's investigations are falling behind (PRD: outcomes 80).
    const casesClosed = rng.binomial(backlog, (0.05 + 0.07 * e) * (p.story === "acme" && d > D - 90 ? 0.6 : 1));
    backlog -= casesClosed;
    const reports = rng.binomial(analyticsA, 0.08);
    const disclosures = rng.binomial(discA, 0.3);
    const policies = rng.binomial(moduleActions.POLICY_MANAGEMENT ?? 0, 0.5);
    const chatbot = rng.binomial(moduleActions.CHATBOT ?? 0, 0.5);
    const featureToday = [
      casesCreated,
      rng.binomial(caseA, 0.06),
      modules.includes("DISCLOSURES") && !weekend && rng.chance(e / 60) ? 1 : 0,
      disclosures,
      modules.includes("POLICY_MANAGEMENT") && !weekend && rng.chance(e / 70) ? 1 : 0,
      modules.includes("POLICY_MANAGEMENT") && !weekend && rng.chance(e / 250) ? 1 : 0,
      rng.binomial(analyticsA, 0.6),
      reports,
      chatbot,
      moduleActions.API ?? 0,
    ];
    featureToday.forEach((n, fi) => {
      const uses = licensed[fi] && sim.configured[fi] ? n : 0;
      sim.featureDaily[fi][d] = uses;
      f30[fi].push(uses);
    });
    sim.metrics.push({
      day: d,
      dau,
      wau,
      mau,
      totalUsers,
      newUsers,
      sessions,
      duration,
      actions,
      casesCreated,
      casesClosed,
      reports,
      disclosures,
      policies,
      chatbot,
      byHour,
      dowKey: DOW_KEYS[cal.dow[d]],
    });
    dau7.push(dau);
    created90.push(casesCreated);
    closed90.push(casesClosed);

    // Support tickets and CSAT.
    const ticketRate =
      0.035 * Math.max(1, totalUsers / 10) * (1.5 - e) * (trouble ? p.supportTrouble!.depth : 1) * (weekend ? 0.3 : 1);
    const opened = { LOW: 0, MEDIUM: 0, HIGH: 0, URGENT: 0 };
    const scripted = p.story !== null && trouble ? storyTickets(p.story, D - 1 - d) : null;
    for (let k = scripted ? scripted.length : rng.poisson(ticketRate); k > 0; k--) {
      const severity = scripted ? scripted[k - 1] : rng.weighted(trouble ? TROUBLE_SEVERITIES : SEVERITIES);
      opened[severity]++;
      const closeDay = d + rng.int(0, severity === "URGENT" ? 3 : 14);
      const csat =
        closeDay < D && rng.chance(0.5) ? clampInt(rng.normal(1.8 + 3 * e - (trouble ? 0.8 : 0), 0.8), 1, 5) : null;
      sim.tickets.push({
        id: rng.id("tkt"),
        day: d,
        closeDay: closeDay < D ? closeDay : null,
        severity,
        module: rng.pick(p.modules),
        csat,
      });
      if (csat !== null)
        sim.surveys.push({
          id: rng.id("srv"),
          day: Math.min(D - 1, closeDay),
          minute: 0,
          kind: "CSAT",
          score: csat,
          userIdx: null,
        });
    }
    for (const s of ["LOW", "MEDIUM", "HIGH", "URGENT"] as const) tickets30[s].push(opened[s]);
    const csatToday = sim.surveys.filter((s) => s.kind === "CSAT" && s.day === d);
    csatSum.push(csatToday.reduce((t, s) => t + s.score, 0));
    csatN.push(csatToday.length);

    // Quarterly NPS survey: detractors when engagement sags, support hurts or nobody calls.
    if ((d + npsOffset) % 90 === 0) {
      const neglected = d - lastCsmDay > 45 ? 1.2 : 0;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const drawn = clampInt(rng.normal(2.5 + 8 * e - (trouble ? 1.5 : 0) - neglected + p.npsBias, 1.3), 0, 10);
        const score = p.story === "acme" && d > D - 180 ? 6 : drawn; // PRD: "NPS score of 6 (passive)"
        // Distinct minutes, the last answer latest: "latest NPS" is unambiguous in the data.
        sim.surveys.push({
          id: rng.id("srv"),
          day: d,
          minute: 60 - k,
          kind: "NPS",
          score,
          userIdx: rng.int(0, users.length - 1),
        });
        latestNps = { day: d, score };
      }
    }
    const paymentTrouble = inEpisode(p.paymentTrouble, d);
    sim.payment = paymentTrouble ? (d - p.paymentTrouble!.start > 40 ? "DELINQUENT" : "LATE") : "CURRENT";

    // CSM touchpoints: diligence, neglect episodes, renewal season and trouble all matter.
    // Acme's story: Jane's last touch was 45 days ago, nothing since.
    const storySilence = p.story === "acme" && d > D - 46;
    const neglectFactor = storySilence ? 0 : inEpisode(p.neglect, d) ? 1 - p.neglect!.depth : 1;
    const isQbr =
      !weekend &&
      (p.tier === "ENTERPRISE" || p.tier === "CUSTOM") &&
      (d + qbrOffset) % 91 === 0 &&
      rng.chance(p.csmDiligence * neglectFactor);
    const pTouch = weekend ? 0 : p.csmDiligence * 0.11 * neglectFactor * (trouble ? 1.5 : 1);
    const forcedTouch = p.story === "acme" && d === D - 46;
    const kickoff = d === firstDay && firstDay > 0; // a new client starts with an onboarding call
    if (isQbr || forcedTouch || kickoff || rng.chance(pTouch)) {
      const act = makeActivity(rng, contacts, e, {
        qbr: isQbr,
        escalation: trouble && rng.chance(0.3),
        onboarding: kickoff,
        contactIdx: forcedTouch ? 2 : undefined,
      });
      // Acme's last touch is a real check-in call (45 minutes), not a quick word.
      if (forcedTouch) act.duration_minutes = 45;
      sim.activities.push({ ...act, day: d });
      // An internal discussion is about the client, not with it: no contact.
      if (act.activity_type !== "INTERNAL_DISCUSSION") lastCsmDay = d;
      if (act.contactIdx !== null) sim.lastContact[act.contactIdx] = d;
    }

    // Health score of the day.
    const usedFeatures = FEATURE_CATALOG.filter((f, fi) =>
      isActivelyUsed(
        adoptionLevel(f, { licensed: licensed[fi], configured: sim.configured[fi], usage30: f30[fi].sum }, p.tier),
      ),
    ).length;
    const keyIdx = contacts
      .map((c, i) => (c.role === "CHAMPION" || c.role === "EXECUTIVE_SPONSOR" || c.role === "ADMIN" ? i : -1))
      .filter((i) => i >= 0);
    const evaluation = evaluateHealth(
      {
        avgDau7: dau7.sum / Math.min(7, d - firstDay + 1),
        totalUsers,
        featuresLicensed: licensed.filter(Boolean).length,
        featuresUsed: usedFeatures,
        tickets30: {
          LOW: tickets30.LOW.sum,
          MEDIUM: tickets30.MEDIUM.sum,
          HIGH: tickets30.HIGH.sum,
          URGENT: tickets30.URGENT.sum,
        },
        csat90: csatN.sum > 0 ? csatSum.sum / csatN.sum : null,
        daysSinceCsmContact: lastCsmDay === NEVER ? null : d - lastCsmDay,
        touchpoints: recentTouchpoints(sim.activities, contacts, d),
        keyStakeholderIds: keyIdx.map((i) => contacts[i].id),
        latestNps: latestNps && d - latestNps.day <= 364 ? latestNps.score : null,
        paymentStatus: sim.payment,
        casesCreated90: created90.sum,
        casesClosed90: closed90.sum,
      },
      BUILT_IN_CONFIG,
      null,
    );
    const events: string[] = [];
    if (opened.HIGH + opened.URGENT > 0) events.push("support_escalation");
    if (sim.activities.at(-1)?.day === d) events.push("csm_touchpoint");
    sim.health.push({ day: d, evaluation, overall: evaluation.overall ?? 50, events });

    // Contract anniversary: renew or churn.
    if (d < D - 1 && d > firstDay && cal.monthDay[d] === p.contractStart.slice(5)) {
      const r = decideRenewal(rng, p, {
        eHistory,
        ticketsHigh30: tickets30.HIGH.sum + tickets30.URGENT.sum,
        tickets30: Object.values(tickets30).reduce((t, r) => t + r.sum, 0),
        daysSinceContact: d - lastCsmDay,
        latestNps: latestNps?.score ?? null,
        payment: sim.payment,
        tenureDays: d - firstDay + daysBefore(cal.dates[firstDay], p.contractStart),
      });
      sim.renewals.push({ day: d, ...r });
      events.push(r.outcome === "RENEWED" ? "renewal" : "churn");
      if (r.outcome === "CHURNED") {
        sim.churnDay = d;
        break;
      }
    }
  }
  return sim;
}

/** The touchpoints of the 90 days up to day d, as the engine reads them back from the stored activities. */
function recentTouchpoints(activities: ActivityOnDay[], contacts: SimContact[], d: number): Touchpoint[] {
  const out: Touchpoint[] = [];
  for (let k = activities.length - 1; k >= 0 && activities[k].day >= d - 89; k--) {
    const a = activities[k];
    if (a.activity_type === "INTERNAL_DISCUSSION") continue;
    out.push({
      type: a.activity_type,
      daysAgo: d - a.day,
      notesLength: a.description.length,
      durationMinutes: a.duration_minutes,
      outcome: a.outcome,
      contacts: a.contactIdx === null ? [] : [{ id: contacts[a.contactIdx].id, role: contacts[a.contactIdx].role }],
    });
  }
  return out;
}

/** Tickets opened `daysAgo` days before the as-of date during a story client's support trouble. */
function storyTickets(story: "acme" | "beta", daysAgo: number): TicketSeverity[] {
  if (story === "acme") return daysAgo % 3 === 0 ? [daysAgo % 6 === 0 ? "HIGH" : "MEDIUM"] : [];
  return daysAgo % 3 === 0 ? [daysAgo % 9 === 0 ? "HIGH" : "MEDIUM"] : []; // Beta: about triple its usual volume
}

function splitActions(rng: Rng, actions: number, modules: Module[]): Partial<Record<Module, number>> {
  const out: Partial<Record<Module, number>> = {};
  let left = actions;
  for (let i = 0; i < modules.length && left > 0; i++) {
    const n = i === modules.length - 1 ? left : rng.binomial(left, 1 / (modules.length - i) + (i === 0 ? 0.2 : 0));
    if (n > 0) out[modules[i]] = n;
    left -= n;
  }
  return out;
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

export function daysBefore(later: string, earlier: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}
