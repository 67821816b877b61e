import { attentionPriority } from "#worker/core/attention-priority";
import { addDays, daysBetween } from "#worker/core/dates";
import { engagementStatus } from "#worker/core/engagement";
import type { EngagementStatus } from "#worker/core/enums";
import { usageTrend } from "#worker/core/feature-adoption";
import { adoptionLevel, expectedUsage, FEATURE_CATALOG } from "#worker/core/feature-catalog";
import { healthStatusFor, healthTrendFor } from "#worker/core/health/bands";
import { DEFAULT_WEIGHTS } from "#worker/core/health/score";

import type { Stamp } from "./clock";
import type { SimContact, SimUser } from "./people";
import type { ClientProfile } from "./profile";
import type { Calendar, Simulation } from "./simulate";

// Turns a simulated client into the rows of every table, named as the columns are.

export type Row = Record<string, string | number | boolean | null>;
export type TableRows = Record<string, Row[]>;

export const DEFAULT_CONFIG_ID = "hsc_default_v1";

const json = (v: unknown) => JSON.stringify(v);

/** `at` stamps a simulated day and hour, never after the seed's now (see clock.ts). */
export function clientRows(
  p: ClientProfile,
  users: SimUser[],
  contacts: SimContact[],
  sim: Simulation,
  cal: Calendar,
  createdAt: string,
  keepDays: number,
  at: Stamp,
): TableRows {
  const D = cal.dates.length;
  const lastDay = sim.churnDay ?? D - 1;
  const today = cal.dates[D - 1];
  const date = (d: number) => cal.dates[d];
  const latest = sim.health.at(-1)!;
  const monthAgo = sim.health.find((h) => h.day >= lastDay - 30) ?? sim.health[0];
  const change = latest.overall - monthAgo.overall;
  const churned = sim.churnDay !== null;
  const nextRenewal = churned ? null : nextAnniversary(p.contractStart, today);
  const lastTouch = sim.activities.findLast((a) => a.activity_type !== "INTERNAL_DISCUSSION");
  const lastActiveDay = Math.max(...sim.lastActive);

  const client: Row = {
    id: p.id,
    organization_id: p.orgId,
    name: p.name,
    industry: p.industry,
    employee_count: p.employees,
    region: p.region,
    city: p.city,
    contract_tier: p.tier,
    contract_start_date: p.contractStart,
    contract_end_date: churned ? date(lastDay) : nextRenewal && addDays(nextRenewal, -1),
    annual_recurring_revenue: p.arr,
    licensed_modules: json(p.modules),
    licensed_user_count: p.licensedUsers,
    csm_user_id: p.csmId,
    ae_user_id: p.aeId,
    current_health_score: latest.overall,
    health_status: healthStatusFor(latest.overall),
    health_trend: healthTrendFor(change),
    health_trend_change: change,
    churn_risk_score: null,
    attention_priority: churned
      ? 0
      : attentionPriority({
          healthScore: latest.overall,
          trendChange: change,
          churnRisk: null,
          arr: p.arr,
          daysToRenewal: nextRenewal ? daysBetween(today, nextRenewal) : null,
        }),
    ...crmLinks(p.id),
    crm_sync_enabled: 0,
    last_crm_sync_at: null,
    go_live_date: p.goLive,
    last_activity_at: Number.isFinite(lastActiveDay) ? at(date(lastActiveDay), 16) : null,
    last_csm_contact_at: lastTouch ? at(date(lastTouch.day), lastTouch.hour) : null,
    next_renewal_date: nextRenewal,
    tags: json(p.tags),
    segment: p.segment,
    ai_summary: null,
    ai_summary_generated_at: null,
    ai_risk_factors: null,
    ai_recommended_actions: null,
    account_status: churned ? "CHURNED" : "ACTIVE",
    churned_at: churned ? at(date(lastDay), 12) : null,
    payment_status: sim.payment,
    created_at: createdAt,
    updated_at: createdAt,
  };

  const usersRows: Row[] = users.map((u) => ({
    id: u.id,
    client_id: p.id,
    display_name: u.name,
    role_title: u.title,
    registered_on: date(Math.max(0, u.registeredDay)) > p.goLive ? date(Math.max(0, u.registeredDay)) : p.goLive,
    is_active: 1,
    created_at: createdAt,
  }));
  const userDays: Row[] = sim.userDays.map((x) => ({
    client_id: p.id,
    user_id: users[x.userIdx].id,
    date: date(x.day),
    logins: x.logins,
    sessions: x.sessions,
    actions: x.actions,
    duration_seconds: x.duration,
    modules: json(x.modules),
    first_login_hour: x.hour,
  }));

  const metrics: Row[] = sim.metrics.map((m) => ({
    id: `um_${p.id.slice(4)}_${m.day}`,
    client_id: p.id,
    date: date(m.day),
    daily_active_users: m.dau,
    weekly_active_users: m.wau,
    monthly_active_users: m.mau,
    total_users: m.totalUsers,
    new_users: m.newUsers,
    total_sessions: m.sessions,
    avg_session_duration_seconds: m.sessions ? Math.round(m.duration / m.sessions) : null,
    avg_session_depth: m.sessions ? Math.round((m.actions / m.sessions) * 100) / 100 : null,
    total_actions: m.actions,
    cases_created: m.casesCreated,
    cases_closed: m.casesClosed,
    reports_run: m.reports,
    disclosures_submitted: m.disclosures,
    policies_viewed: m.policies,
    chatbot_conversations: m.chatbot,
    logins_by_hour: json(m.byHour),
    logins_by_day_of_week: json({ [m.dowKey]: m.sessions }),
    created_at: createdAt,
  }));

  const health: Row[] = sim.health.map((h) => {
    const c = h.evaluation.components;
    return {
      id: `hs_${p.id}_${date(h.day)}`,
      client_id: p.id,
      date: date(h.day),
      overall_score: h.overall,
      usage_score: c.usage.score,
      adoption_score: c.adoption.score,
      support_score: c.support.score,
      relationship_score: c.relationship.score,
      contract_score: c.contract.score,
      outcome_score: c.outcome.score,
      weights_version: DEFAULT_CONFIG_ID,
      weights_snapshot: json(DEFAULT_WEIGHTS),
      notable_events: json(h.events),
      component_details: json(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.detail]))),
      created_at: createdAt,
    };
  });

  const adoption: Row[] = FEATURE_CATALOG.map((f, fi) => {
    const daily = sim.featureDaily[fi];
    const last30 = sum(daily, lastDay - 29, lastDay);
    const prior30 = sum(daily, lastDay - 59, lastDay - 30);
    const licensed = p.modules.includes(f.module);
    const lastUsed = lastIndex(daily, lastDay);
    return {
      id: `fa_${p.id.slice(4)}_${f.key}`,
      client_id: p.id,
      feature_key: f.key,
      feature_name: f.name,
      module: f.module,
      is_licensed: licensed ? 1 : 0,
      licensed_at: licensed ? p.contractStart : null,
      is_configured: licensed && sim.configured[fi] ? 1 : 0,
      configured_at: licensed && sim.configured[fi] ? p.goLive : null,
      adoption_status: adoptionLevel(f, { licensed, configured: sim.configured[fi], usage30: last30 }, p.tier),
      last_used_at: lastUsed === null ? null : at(date(lastUsed), 0),
      usage_30_days: last30,
      usage_trend: usageTrend(last30, prior30),
      expected_usage: Math.max(1, Math.round(expectedUsage(f, p.tier))),
      adoption_percentile: null,
      created_at: createdAt,
      updated_at: createdAt,
    };
  });

  const contactRows: Row[] = contacts.map((c, ci) => {
    const lastLogin = c.userIdx === null ? null : sim.lastActive[c.userIdx];
    return {
      id: c.id,
      client_id: p.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      title: c.title,
      role: c.role,
      is_primary: c.is_primary ? 1 : 0,
      is_billing: c.is_billing ? 1 : 0,
      is_technical: c.is_technical ? 1 : 0,
      last_platform_login: lastLogin !== null && Number.isFinite(lastLogin) ? at(date(lastLogin), 16) : null,
      last_csm_contact: sim.lastContact[ci] >= 0 ? at(date(sim.lastContact[ci]), 17) : null,
      engagement_status: c.userIdx === null ? "INACTIVE" : engagement(sim, c.userIdx, lastDay),
      user_id: c.userIdx === null ? null : users[c.userIdx].id,
      salesforce_contact_id: null,
      hubspot_contact_id: null,
      notes: null,
      is_active: 1,
      left_company_at: null,
      created_at: createdAt,
      updated_at: createdAt,
    };
  });

  const activities: Row[] = sim.activities.map((a) => {
    const followUp = a.follow_up_date_offset === null ? null : addDays(date(a.day), a.follow_up_date_offset);
    const done = followUp !== null && followUp < today && a.follow_up_completed;
    return {
      id: a.id,
      client_id: p.id,
      activity_type: a.activity_type,
      subject: a.subject,
      description: a.description,
      performed_by_id: p.csmId,
      client_contacts: json(a.contactIdx === null ? [] : [contacts[a.contactIdx].id]),
      occurred_at: at(date(a.day), a.hour),
      duration_minutes: a.duration_minutes,
      outcome: a.outcome,
      outcome_notes: null,
      follow_up_required: followUp ? 1 : 0,
      follow_up_date: followUp,
      follow_up_completed: done ? 1 : 0,
      follow_up_completed_at: done ? at(followUp!, 18) : null,
      salesforce_activity_id: null,
      hubspot_engagement_id: null,
      ai_summary: null,
      ai_next_steps: "[]",
      created_at: at(date(a.day), a.hour, 20),
      updated_at: at(date(a.day), a.hour, 20),
    };
  });

  const tickets: Row[] = sim.tickets.map((t) => ({
    id: t.id,
    client_id: p.id,
    external_id: `SUP-${t.id.slice(4, 10).toUpperCase()}`,
    subject: `${t.severity.toLowerCase()} issue in ${t.module.replaceAll("_", " ").toLowerCase()}`,
    severity: t.severity,
    status: t.closeDay === null ? "OPEN" : "CLOSED",
    module: t.module,
    opened_at: at(date(t.day), 14),
    closed_at: t.closeDay === null ? null : at(date(t.closeDay), 20),
    created_at: at(date(t.day), 14),
  }));
  // One answer per person per NPS survey: a respondent drawn twice for the same survey keeps
  // their last answer (the one the simulation's health read), not two identical timeline rows.
  const answered = new Set<string>();
  const oneEach = [...sim.surveys]
    .reverse()
    .filter((s) => {
      if (s.kind !== "NPS" || s.userIdx === null) return true;
      const key = `${s.day}:${s.userIdx}`;
      if (answered.has(key)) return false;
      answered.add(key);
      return true;
    })
    .reverse();
  const surveys: Row[] = oneEach.map((s) => ({
    id: s.id,
    client_id: p.id,
    kind: s.kind,
    score: s.score,
    respondent_user_id: s.userIdx === null ? null : users[s.userIdx].id,
    comment: null,
    responded_at: at(date(s.day), 18, s.minute),
    created_at: at(date(s.day), 18, s.minute),
  }));
  const renewals: Row[] = sim.renewals.map((r) => ({
    id: `ren_${p.id.slice(4)}_${r.day}`,
    client_id: p.id,
    renewal_date: date(r.day),
    outcome: r.outcome,
    arr_before: p.arr,
    arr_after: r.outcome === "RENEWED" ? p.arr : 0,
    reason: r.outcome === "CHURNED" ? "Did not renew at contract anniversary" : null,
    recorded_at: at(date(r.day), 12),
    details: null,
  }));

  const featureUsage: Row[] = [];
  FEATURE_CATALOG.forEach((f, fi) => {
    sim.featureDaily[fi].forEach((uses, d) => {
      if (uses > 0 && d >= sim.firstDay && d > D - 1 - keepDays)
        featureUsage.push({ client_id: p.id, feature_key: f.key, date: date(d), uses });
    });
  });

  // Parents before children: the inserts run with foreign keys on.
  return {
    organizations: [
      { id: p.orgId, name: p.name, platform_tenant_key: `tenant-${p.orgId.slice(4)}`, created_at: createdAt },
    ],
    clients: [client],
    platform_users: usersRows,
    user_daily_activity: userDays,
    client_usage_metrics: metrics,
    client_health_scores: health,
    client_feature_adoptions: adoption,
    client_contacts: contactRows,
    client_activities: activities,
    support_tickets: tickets,
    survey_responses: surveys,
    renewal_outcomes: renewals,
    feature_daily_usage: featureUsage,
  };
}

function engagement(sim: Simulation, userIdx: number, lastDay: number): EngagementStatus {
  const last = sim.lastActive[userIdx];
  let recent = 0,
    prior = 0;
  for (const ud of sim.userDays) {
    if (ud.userIdx !== userIdx) continue;
    if (ud.day > lastDay - 15) recent += ud.sessions;
    else if (ud.day > lastDay - 30) prior += ud.sessions;
  }
  return engagementStatus({
    daysSinceLogin: Number.isFinite(last) ? lastDay - last : null,
    sessionsRecent15: recent,
    sessionsPrior15: prior,
  });
}

function sum(values: number[], from: number, to: number): number {
  let s = 0;
  for (let i = Math.max(0, from); i <= to; i++) s += values[i];
  return s;
}

function lastIndex(values: number[], upTo: number): number | null {
  for (let i = upTo; i >= 0; i--) if (values[i] > 0) return i;
  return null;
}

function nextAnniversary(start: string, today: string): string {
  const year = Number(today.slice(0, 4));
  let candidate = `${year}${start.slice(4)}`;
  if (candidate <= today) candidate = `${year + 1}${start.slice(4)}`;
  return candidate.endsWith("02-29") ? candidate.replace("02-29", "02-28") : candidate;
}

/**
 * Which CRM record a demo client is linked to, derived from its id (not the random stream, so
 * adding it changed no other seeded value): 3 in 5 Salesforce, 1 in 5 HubSpot, 1 in 5 neither.
 */
function crmLinks(clientId: string): { salesforce_account_id: string | null; hubspot_company_id: string | null } {
  const hex = clientId.replace(/^cli_/, "");
  const pick = parseInt(hex.slice(-1), 16) % 5;
  if (pick < 3)
    return {
      salesforce_account_id: `001${hex.toUpperCase().padEnd(12, "0").slice(0, 12)}AAA`,
      hubspot_company_id: null,
    };
  if (pick === 3) return { salesforce_account_id: null, hubspot_company_id: String(parseInt(hex.slice(0, 8), 16)) };
  return { salesforce_account_id: null, hubspot_company_id: null };
}
