import { sql } from "drizzle-orm";

import { addDays, daysBetween } from "#worker/core/dates";
import type {
  ActivityOutcome,
  ActivityType,
  ContactRole,
  ContractTier,
  PaymentStatus,
  TicketSeverity,
} from "#worker/core/enums";
import { adoptionScoreOf, featureAdoption, type FeatureUsageWindow } from "#worker/core/feature-adoption";
import type { HealthConfigRow } from "#worker/core/health/config";
import { KEY_ROLES, type Touchpoint } from "#worker/core/health/relationship";
import type { HealthInputs } from "#worker/core/health/score";
import type { Db } from "#worker/db/client";
import { rawBatch, type RawRow } from "#worker/db/raw-batch";

// Everything the health engine reads for a set of clients on one day, in one D1 batch
// (one round trip whatever the batch size). Ids travel as one JSON parameter, so batches are not
// bound by D1's 100-parameter limit.

export interface ClientForHealth {
  id: string;
  contract_tier: ContractTier;
  segment: string | null;
  payment_status: PaymentStatus;
  annual_recurring_revenue: number | null;
  next_renewal_date: string | null;
  churn_risk_score: number | null;
}

export interface HealthBatchData {
  /** Per client, per feature: licensing, configuration and uses in the last 30 / prior 30 days. */
  featureWindows: Map<string, Record<string, FeatureUsageWindow>>;
  clients: ClientForHealth[];
  inputs: Map<string, HealthInputs>;
  score30DaysAgo: Map<string, number>;
  configs: HealthConfigRow[];
  /** Today's notable events per client (escalations, CSM touchpoints). */
  events: Map<string, string[]>;
}

type Row = RawRow;

export async function loadHealthBatch(db: Db, clientIds: string[], today: string): Promise<HealthBatchData> {
  const ids = JSON.stringify(clientIds);
  const inIds = sql`(SELECT value FROM json_each(${ids}))`;
  const d7 = addDays(today, -6),
    d30 = addDays(today, -29),
    d90 = addDays(today, -89),
    d365 = addDays(today, -364);
  const [clients, usage, adoption, tickets, surveys, touches, contacts, activities, past, configs, todayEvents] =
    await rawBatch(db, [
      sql`SELECT id, contract_tier, segment, payment_status, annual_recurring_revenue, next_renewal_date, churn_risk_score
      FROM clients WHERE id IN ${inIds}`,
      sql`SELECT client_id,
        avg(daily_active_users) FILTER (WHERE date >= ${d7}) AS dau7,
        max(total_users) FILTER (WHERE date >= ${d7}) AS users,
        coalesce(sum(cases_created), 0) AS created90, coalesce(sum(cases_closed), 0) AS closed90
      FROM client_usage_metrics WHERE client_id IN ${inIds} AND date BETWEEN ${d90} AND ${today} GROUP BY client_id`,
      sql`SELECT a.client_id, a.feature_key, a.is_licensed, a.is_configured,
        coalesce(sum(u.uses) FILTER (WHERE u.date >= ${d30}), 0) AS last30,
        coalesce(sum(u.uses) FILTER (WHERE u.date < ${d30}), 0) AS prior30
      FROM client_feature_adoptions a LEFT JOIN feature_daily_usage u ON u.client_id = a.client_id AND u.feature_key = a.feature_key
        AND u.date BETWEEN ${addDays(today, -59)} AND ${today}
      WHERE a.client_id IN ${inIds} GROUP BY a.client_id, a.feature_key`,
      sql`SELECT client_id, severity, count(*) AS n FROM support_tickets
      WHERE client_id IN ${inIds} AND opened_at >= ${d30} AND opened_at < ${addDays(today, 1)} GROUP BY client_id, severity`,
      sql`SELECT client_id,
        avg(score) FILTER (WHERE kind = 'CSAT' AND responded_at >= ${d90}) AS csat90,
        (SELECT s2.score FROM survey_responses s2 WHERE s2.client_id = s.client_id AND s2.kind = 'NPS'
           AND s2.responded_at >= ${d365} AND s2.responded_at < ${addDays(today, 1)} ORDER BY s2.responded_at DESC LIMIT 1) AS nps
      FROM survey_responses s WHERE client_id IN ${inIds} AND responded_at < ${addDays(today, 1)} GROUP BY client_id`,
      sql`SELECT client_id, max(occurred_at) AS last_touch FROM client_activities
      WHERE client_id IN ${inIds} AND activity_type <> 'INTERNAL_DISCUSSION' AND occurred_at < ${addDays(today, 1)} GROUP BY client_id`,
      sql`SELECT id, client_id, role, is_active FROM client_contacts WHERE client_id IN ${inIds}`,
      // The touchpoints relationship health weighs (kind, who, notes, outcome, age), 90 days.
      sql`SELECT client_id, activity_type, occurred_at, duration_minutes, outcome, client_contacts,
        length(coalesce(description, '')) + length(coalesce(outcome_notes, '')) AS notes_length
      FROM client_activities WHERE client_id IN ${inIds} AND activity_type <> 'INTERNAL_DISCUSSION'
        AND occurred_at >= ${d90} AND occurred_at < ${addDays(today, 1)}`,
      sql`SELECT client_id, overall_score FROM client_health_scores h
      WHERE client_id IN ${inIds} AND date = (SELECT max(date) FROM client_health_scores h2
        WHERE h2.client_id = h.client_id AND h2.date <= ${addDays(today, -30)})`,
      ACTIVE_CONFIGS,
      sql`SELECT client_id, 'support_escalation' AS event FROM support_tickets
        WHERE client_id IN ${inIds} AND severity IN ('HIGH', 'URGENT') AND substr(opened_at, 1, 10) = ${today}
      UNION SELECT client_id, 'csm_touchpoint' FROM client_activities
        WHERE client_id IN ${inIds} AND activity_type <> 'INTERNAL_DISCUSSION' AND substr(occurred_at, 1, 10) = ${today}`,
    ]);

  const by = (rows: Row[]) => new Map(rows.map((r) => [String(r.client_id), r]));
  const featureWindows = new Map<string, Record<string, FeatureUsageWindow>>();
  for (const f of adoption) {
    const windows = featureWindows.get(String(f.client_id)) ?? {};
    windows[String(f.feature_key)] = {
      licensed: Boolean(f.is_licensed),
      configured: Boolean(f.is_configured),
      last30: Number(f.last30),
      prior30: Number(f.prior30),
    };
    featureWindows.set(String(f.client_id), windows);
  }
  const usageBy = by(usage),
    surveyBy = by(surveys),
    touchBy = by(touches);
  const { touchpointsBy, keyStakeholdersBy } = touchpointsOf(contacts, activities, today);
  const ticketsBy = new Map<string, Partial<Record<TicketSeverity, number>>>();
  for (const t of tickets) {
    const entry = ticketsBy.get(String(t.client_id)) ?? {};
    entry[t.severity as TicketSeverity] = Number(t.n);
    ticketsBy.set(String(t.client_id), entry);
  }
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const inputs = new Map<string, HealthInputs>();
  for (const c of clients) {
    const id = String(c.id);
    const windows = featureWindows.get(id) ?? {};
    const a = adoptionScoreOf(
      featureAdoption(c.contract_tier as ContractTier, windows),
      (k) => windows[k]?.licensed ?? false,
    );
    const u = usageBy.get(id),
      s = surveyBy.get(id),
      t = touchBy.get(id);
    const lastTouch = t?.last_touch ? String(t.last_touch) : null;
    inputs.set(id, {
      avgDau7: num(u?.dau7) ?? 0,
      totalUsers: num(u?.users) ?? 0,
      featuresLicensed: a.licensed,
      featuresUsed: a.used,
      tickets30: ticketsBy.get(id) ?? {},
      csat90: num(s?.csat90),
      daysSinceCsmContact: lastTouch ? Math.max(0, daysBetween(lastTouch, today)) : null,
      touchpoints: touchpointsBy.get(id) ?? [],
      keyStakeholderIds: keyStakeholdersBy.get(id) ?? [],
      latestNps: num(s?.nps),
      paymentStatus: c.payment_status as PaymentStatus,
      casesCreated90: num(u?.created90) ?? 0,
      casesClosed90: num(u?.closed90) ?? 0,
    });
  }
  const events = new Map<string, string[]>();
  for (const e of todayEvents)
    events.set(String(e.client_id), [...(events.get(String(e.client_id)) ?? []), String(e.event)]);
  return {
    featureWindows,
    events,
    clients: clients as unknown as ClientForHealth[],
    inputs,
    score30DaysAgo: new Map(past.map((p) => [String(p.client_id), Number(p.overall_score)])),
    configs: toConfigRows(configs),
  };
}

/** Each client's touchpoints with the roles of the contacts on them, and its active key stakeholders. */
function touchpointsOf(contacts: Row[], activities: Row[], today: string) {
  const roleOf = new Map(contacts.map((c) => [String(c.id), c.role as ContactRole]));
  const keyStakeholdersBy = new Map<string, string[]>();
  for (const c of contacts) {
    if (!c.is_active || !KEY_ROLES.includes(c.role as ContactRole)) continue;
    keyStakeholdersBy.set(String(c.client_id), [...(keyStakeholdersBy.get(String(c.client_id)) ?? []), String(c.id)]);
  }
  const touchpointsBy = new Map<string, Touchpoint[]>();
  for (const a of activities) {
    let ids: unknown;
    try {
      ids = JSON.parse(String(a.client_contacts ?? "[]"));
    } catch {
      ids = [];
    }
    const attached = (Array.isArray(ids) ? ids : [])
      .map(String)
      .filter((cid) => roleOf.has(cid))
      .map((cid) => ({ id: cid, role: roleOf.get(cid)! }));
    const touch: Touchpoint = {
      type: a.activity_type as ActivityType,
      daysAgo: Math.max(0, daysBetween(String(a.occurred_at), today)),
      // Characters (SQLite counts code points; the same as JS for the notes people type).
      notesLength: Number(a.notes_length ?? 0),
      durationMinutes:
        a.duration_minutes === null || a.duration_minutes === undefined ? null : Number(a.duration_minutes),
      outcome: (a.outcome ?? null) as ActivityOutcome | null,
      contacts: attached,
      occurredAt: String(a.occurred_at),
    };
    touchpointsBy.set(String(a.client_id), [...(touchpointsBy.get(String(a.client_id)) ?? []), touch]);
  }
  return { touchpointsBy, keyStakeholdersBy };
}

const ACTIVE_CONFIGS = sql`SELECT * FROM health_score_configs WHERE is_active`;

function toConfigRows(rows: Row[]): HealthConfigRow[] {
  return rows.map((c) => ({
    ...c,
    is_active: Boolean(c.is_active),
    is_default: Boolean(c.is_default),
  })) as unknown as HealthConfigRow[];
}

export async function loadActiveConfigs(db: Db): Promise<HealthConfigRow[]> {
  const [rows] = await rawBatch(db, [ACTIVE_CONFIGS]);
  return toConfigRows(rows);
}
