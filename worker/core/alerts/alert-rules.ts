import { addDays, daysBetween } from "#worker/core/dates";
import type { AlertSeverity, AlertType } from "#worker/core/enums";
import { usageChangePct, windowAverage } from "#worker/core/metrics/usage-change";

import { type AlertSettings, TYPE_DEFAULTS } from "./alert-settings";

// The alert rules (PRD F8, US-015-022, US-015-012, F9 follow-ups): one client's facts at `today`
// in, the alerts its condition calls for out. Each carries its trigger metric, value and
// threshold, the related entity, and a dedup key naming the condition, so the same condition
// keeps one open alert and a cleared one can be resolved.

export interface AlertInputs {
  client: {
    id: string;
    name: string;
    arr: number | null;
    next_renewal_date: string | null;
    licensed_user_count: number | null;
    payment_status: string;
    churn_risk: number | null;
  };
  health: { now: number | null; sevenDaysAgo: number | null };
  /** Daily active users, oldest first: the usage windows of core/metrics/usage-change (the 30 days to today and the 30 before). */
  dau: { last30: number[]; prior30: number[] };
  activeUsers30d: number | null;
  tickets: { last7: number; prior84: number };
  keyContacts: {
    id: string;
    name: string;
    role: string;
    last_platform_login: string | null;
    left_company_at: string | null;
  }[];
  /** The champion's login days in the last 14 days and in the 28 before. */
  champion: {
    id: string;
    name: string;
    loginDaysLast14: number;
    loginDaysPrior28: number;
    left_company_at: string | null;
  } | null;
  features: { key: string; name: string; last_used_at: string | null }[];
  latestNps: { id: string; score: number; responded_at: string } | null;
  openFollowUps: { id: string; subject: string; follow_up_date: string }[];
}

export interface AlertCandidate {
  alert_type: AlertType;
  severity: AlertSeverity;
  title: string;
  description: string;
  trigger_metric: string;
  trigger_value: string;
  trigger_threshold: string;
  related_entity_type: string | null;
  related_entity_id: string | null;
  dedup_key: string;
}

const KEY_ROLES = new Set(["CHAMPION", "EXECUTIVE_SPONSOR", "ADMIN"]);
const round1 = (x: number) => Math.round(x * 10) / 10;
/** Renewal reminders: the first at the threshold, then 60 and 30 days out. */
const milestones = (first: number) => [...new Set([first, 60, 30])].filter((m) => m <= first).sort((a, b) => b - a);

export function evaluateAlertRules(x: AlertInputs, s: AlertSettings, today: string): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const c = x.client;
  const on = (t: AlertType) => s.types[t].enabled;
  const th = (t: AlertType) => s.types[t].threshold ?? 0;
  const add = (a: Omit<AlertCandidate, "severity"> & { severity?: AlertSeverity }) =>
    out.push({ severity: TYPE_DEFAULTS[a.alert_type].severity, ...a });

  if (on("HEALTH_DROP") && x.health.now !== null && x.health.sevenDaysAgo !== null) {
    const drop = x.health.sevenDaysAgo - x.health.now;
    if (drop >= th("HEALTH_DROP")) {
      add({
        alert_type: "HEALTH_DROP",
        severity: drop >= 2 * th("HEALTH_DROP") ? "CRITICAL" : "HIGH",
        title: `${c.name}: health down ${drop} points in 7 days`,
        description: `Health fell from ${x.health.sevenDaysAgo} to ${x.health.now} in the last 7 days.`,
        trigger_metric: "health_score_change_7d",
        trigger_value: String(-drop),
        trigger_threshold: String(-th("HEALTH_DROP")),
        related_entity_type: "client",
        related_entity_id: c.id,
        dedup_key: "HEALTH_DROP",
      });
    }
  }

  if (on("KEY_USER_INACTIVE")) {
    for (const p of x.keyContacts) {
      if (!KEY_ROLES.has(p.role) || p.left_company_at) continue;
      const idle = p.last_platform_login ? daysBetween(p.last_platform_login.slice(0, 10), today) : null;
      if (idle === null || idle < th("KEY_USER_INACTIVE")) continue;
      add({
        alert_type: "KEY_USER_INACTIVE",
        title: `${c.name}: ${p.name} has not logged in for ${idle} days`,
        description: `${p.name} (${p.role.toLowerCase().replace("_", " ")}) last logged in on ${p.last_platform_login!.slice(0, 10)}.`,
        trigger_metric: "days_since_login",
        trigger_value: String(idle),
        trigger_threshold: String(th("KEY_USER_INACTIVE")),
        related_entity_type: "contact",
        related_entity_id: p.id,
        dedup_key: `KEY_USER_INACTIVE:${p.id}`,
      });
    }
  }

  if (on("SUPPORT_SPIKE")) {
    // Normal volume is the weekly average of the 12 weeks before; at least one ticket a week, so
    // a quiet client's first three tickets count as a spike but its first one does not.
    const normal = Math.max(x.tickets.prior84 / 12, 1);
    const ratio = x.tickets.last7 / normal;
    if (x.tickets.last7 >= 3 && ratio >= th("SUPPORT_SPIKE")) {
      add({
        alert_type: "SUPPORT_SPIKE",
        title: `${c.name}: ${x.tickets.last7} tickets this week (${round1(ratio)}× normal)`,
        description: `${x.tickets.last7} support tickets in the last 7 days against a normal ${round1(x.tickets.prior84 / 12)} a week.`,
        trigger_metric: "tickets_7d_vs_weekly_avg",
        trigger_value: String(round1(ratio)),
        trigger_threshold: String(th("SUPPORT_SPIKE")),
        related_entity_type: "client",
        related_entity_id: c.id,
        dedup_key: "SUPPORT_SPIKE",
      });
    }
  }

  if (on("USAGE_DECLINE")) {
    // The one usage change every screen shows (last 30 days vs the 30 before), so the alert,
    // the Usage tab and the churn factor quote the same percentage. Its baseline rules are the
    // metric's own (usageChangePct: average and days of history); a second, stricter floor here
    // let the Usage tab show "−35%" on a small client while no alert ever fired.
    const [recent, before] = [windowAverage(x.dau.last30), windowAverage(x.dau.prior30)];
    const change = usageChangePct(recent, before, x.dau.prior30.length);
    if (change !== null && before !== null && recent !== null && -change >= th("USAGE_DECLINE")) {
      const pct = -change;
      add({
        alert_type: "USAGE_DECLINE",
        title: `${c.name}: daily active users down ${pct}%`,
        description: `DAU averaged ${round1(recent)} over the last 30 days against ${round1(before)} over the 30 days before.`,
        trigger_metric: "dau_30d_vs_prior_30d_pct",
        trigger_value: String(change),
        trigger_threshold: String(-th("USAGE_DECLINE")),
        related_entity_type: "client",
        related_entity_id: c.id,
        dedup_key: "USAGE_DECLINE",
      });
    }
  }

  if (on("FEATURE_ABANDONED")) {
    for (const f of x.features) {
      if (!f.last_used_at) continue;
      const idle = daysBetween(f.last_used_at.slice(0, 10), today);
      // Used within the last six months, then dropped: an abandonment, not a feature never adopted.
      if (idle < th("FEATURE_ABANDONED") || idle > 180) continue;
      add({
        alert_type: "FEATURE_ABANDONED",
        title: `${c.name}: ${f.name} unused for ${idle} days`,
        description: `${f.name} was last used on ${f.last_used_at.slice(0, 10)}.`,
        trigger_metric: "days_since_feature_use",
        trigger_value: String(idle),
        trigger_threshold: String(th("FEATURE_ABANDONED")),
        related_entity_type: "feature",
        related_entity_id: f.key,
        dedup_key: `FEATURE_ABANDONED:${f.key}:${f.last_used_at.slice(0, 10)}`,
      });
    }
  }

  if (on("RENEWAL_APPROACHING") && c.next_renewal_date) {
    const days = daysBetween(today, c.next_renewal_date);
    const m = milestones(th("RENEWAL_APPROACHING"))
      .filter((d) => days >= 0 && days <= d)
      .pop();
    if (m !== undefined) {
      add({
        alert_type: "RENEWAL_APPROACHING",
        severity: m <= 30 && (c.churn_risk ?? 0) > 50 ? "HIGH" : "MEDIUM",
        title: `${c.name}: renewal in ${days} days`,
        description: `Renews on ${c.next_renewal_date}${c.arr !== null ? ` ($${Math.round(c.arr / 1000)}K ARR)` : ""}${c.churn_risk !== null ? `; churn risk ${c.churn_risk}%` : ""}.`,
        trigger_metric: "days_to_renewal",
        trigger_value: String(days),
        trigger_threshold: String(m),
        related_entity_type: "client",
        related_entity_id: c.id,
        dedup_key: `RENEWAL_APPROACHING:${c.next_renewal_date}:${m}`,
      });
    }
  }

  if (on("CONTRACT_UTILIZATION_LOW") && c.licensed_user_count && x.activeUsers30d !== null) {
    const pct = Math.round((100 * x.activeUsers30d) / c.licensed_user_count);
    if (pct < th("CONTRACT_UTILIZATION_LOW")) {
      add({
        alert_type: "CONTRACT_UTILIZATION_LOW",
        title: `${c.name}: ${pct}% of licensed users active`,
        description: `${x.activeUsers30d} of ${c.licensed_user_count} licensed users were active in the last 30 days.`,
        trigger_metric: "licensed_users_active_pct",
        trigger_value: String(pct),
        trigger_threshold: String(th("CONTRACT_UTILIZATION_LOW")),
        related_entity_type: "client",
        related_entity_id: c.id,
        dedup_key: "CONTRACT_UTILIZATION_LOW",
      });
    }
  }

  if (on("CHAMPION_RISK") && x.champion) {
    const ch = x.champion;
    if (ch.left_company_at) {
      add({
        alert_type: "CHAMPION_RISK",
        severity: "CRITICAL",
        title: `${c.name}: champion ${ch.name} has left`,
        description: `${ch.name} left the company on ${ch.left_company_at.slice(0, 10)}; the account has no champion.`,
        trigger_metric: "champion_left",
        trigger_value: ch.left_company_at.slice(0, 10),
        trigger_threshold: "left company",
        related_entity_type: "contact",
        related_entity_id: ch.id,
        dedup_key: `CHAMPION_RISK:${ch.id}:left`,
      });
    } else if (ch.loginDaysPrior28 >= 4) {
      // Login days per fortnight, before against now.
      const before = ch.loginDaysPrior28 / 2;
      const pct = Math.round((1 - ch.loginDaysLast14 / before) * 100);
      if (pct >= th("CHAMPION_RISK")) {
        add({
          alert_type: "CHAMPION_RISK",
          title: `${c.name}: champion ${ch.name} is disengaging`,
          description: `${ch.name} logged in on ${ch.loginDaysLast14} days in the last 2 weeks, against ${round1(before)} per 2 weeks before.`,
          trigger_metric: "champion_login_days_change_pct",
          trigger_value: String(-pct),
          trigger_threshold: String(-th("CHAMPION_RISK")),
          related_entity_type: "contact",
          related_entity_id: ch.id,
          dedup_key: `CHAMPION_RISK:${ch.id}`,
        });
      }
    }
  }

  if (
    on("NPS_DETRACTOR") &&
    x.latestNps &&
    x.latestNps.score <= th("NPS_DETRACTOR") &&
    x.latestNps.responded_at.slice(0, 10) >= addDays(today, -90)
  ) {
    add({
      alert_type: "NPS_DETRACTOR",
      title: `${c.name}: NPS ${x.latestNps.score} (detractor)`,
      description: `The latest NPS answer, on ${x.latestNps.responded_at.slice(0, 10)}, was ${x.latestNps.score}.`,
      trigger_metric: "nps_score",
      trigger_value: String(x.latestNps.score),
      trigger_threshold: String(th("NPS_DETRACTOR")),
      related_entity_type: "survey_response",
      related_entity_id: x.latestNps.id,
      dedup_key: `NPS_DETRACTOR:${x.latestNps.id}`,
    });
  }

  if (on("PAYMENT_ISSUE") && c.payment_status !== "CURRENT") {
    add({
      alert_type: "PAYMENT_ISSUE",
      severity: c.payment_status === "DELINQUENT" ? "CRITICAL" : "HIGH",
      title: `${c.name}: payment ${c.payment_status.toLowerCase()}`,
      description: `The account's payment status is ${c.payment_status.toLowerCase()}.`,
      trigger_metric: "payment_status",
      trigger_value: c.payment_status,
      trigger_threshold: "CURRENT",
      related_entity_type: "client",
      related_entity_id: c.id,
      dedup_key: `PAYMENT_ISSUE:${c.payment_status}`,
    });
  }

  if (on("FOLLOW_UP_OVERDUE")) {
    for (const f of x.openFollowUps) {
      const late = daysBetween(f.follow_up_date, today);
      // Older than 30 days is history (the briefing counts those), not a fresh alert.
      if (late < th("FOLLOW_UP_OVERDUE") || late > 30) continue;
      add({
        alert_type: "FOLLOW_UP_OVERDUE",
        title: `${c.name}: follow-up ${late} ${late === 1 ? "day" : "days"} overdue`,
        description: `"${f.subject}" was due on ${f.follow_up_date}.`,
        trigger_metric: "days_overdue",
        trigger_value: String(late),
        trigger_threshold: String(th("FOLLOW_UP_OVERDUE")),
        related_entity_type: "activity",
        related_entity_id: f.id,
        dedup_key: `FOLLOW_UP_OVERDUE:${f.id}`,
      });
    }
  }
  return out;
}
