import { clientScopeFor } from "#worker/core/access-policy";
import { aggregateAnswer, listPlanAnswer, type Speaker } from "#worker/core/ai/plan-answers";
import { type PlanRow, planWindow, runAggregatePlan, runListPlan } from "#worker/core/ai/plan-exec";
import type { AggregatePlan, ListPlan, LookupPlan } from "#worker/core/ai/query-plan";
import type { ClientListQuery } from "#worker/core/client-list-query";
import { daysBetween, isoDate } from "#worker/core/dates";
import { daysSinceContact } from "#worker/core/metrics/contact-and-risk";
import type { Db } from "#worker/db/client";
import { contactsNamed, lastClientActivity, planExtras } from "#worker/db/queries/chat-search";
import { listClients } from "#worker/db/queries/clients";
import type { EthicoUserRow } from "#worker/db/queries/users";

// Runs a chat plan: the rows come from the list API's own query (GET /clients, in the caller's
// scope, narrowed by what that query can filter on), with the few figures it lacks joined on;
// the plan's remaining filters, order, top-N and aggregates run in core (plan-exec), with the
// analytics' definitions (ARR at risk, expected churn). So an answer equals the list or
// analytics API's result for the same question.

const ALL_ROWS = 20_000;

/** The list API query for the part of a plan it can express itself. */
export function listQueryFor(plan: Pick<ListPlan, "book" | "categories">): ClientListQuery {
  const positive = (field: string) => plan.categories.find((c) => c.field === field && !c.negate)?.values ?? [];
  return {
    health_status: positive("health_status") as ClientListQuery["health_status"],
    contract_tier: positive("tier") as ClientListQuery["contract_tier"],
    industry: positive("industry") as string[],
    tags: [],
    csm_id: plan.book.csm_id,
    search: null,
    renewal_within_days: null,
    sort: "priority",
    order: "desc",
    page: 1,
    limit: ALL_ROWS,
    format: "json",
  };
}

export async function planRows(
  db: Db,
  user: EthicoUserRow,
  plan: Pick<ListPlan, "book" | "categories" | "conditions">,
  today: string,
): Promise<PlanRow[]> {
  const scope = clientScopeFor(user);
  const { since } = planWindow(plan, today);
  const [{ rows }, extras] = await Promise.all([
    listClients(db, scope, listQueryFor(plan), today),
    planExtras(db, scope, since),
  ]);
  const more = new Map(extras.map((e) => [e.id, e]));
  return rows.map((r) => {
    const e = more.get(r.id);
    return {
      id: r.id,
      name: r.name,
      tier: r.contract_tier,
      industry: r.industry,
      region: r.region,
      health_status: r.health_status,
      health: r.current_health_score,
      health_then: e?.score_then ?? null,
      churn_risk: r.churn_risk_score,
      arr: r.annual_recurring_revenue,
      next_renewal_date: r.next_renewal_date,
      last_csm_contact_at: r.last_csm_contact_at,
      last_login_at: e?.last_login_at ?? null,
      adoption: e?.adoption ?? null,
      attention_priority: r.attention_priority,
      csm_id: r.csm_id,
      csm_name: r.csm_id ? `${r.csm_first_name ?? ""} ${r.csm_last_name ?? ""}`.trim() : null,
      primary_driver: r.ai_risk_factors?.[0]?.detail.split(";")[0] ?? null,
    };
  });
}

const speaker = (user: EthicoUserRow, today: string): Speaker => ({ me_id: user.id, today });

export async function answerListPlan(db: Db, user: EthicoUserRow, plan: ListPlan, now: Date) {
  const today = isoDate(now);
  const out = runListPlan(await planRows(db, user, plan, today), plan, today);
  const results = out.rows.slice(0, 100).map((r) => ({
    client_id: r.id,
    name: r.name,
    health_score: r.health,
    health_status: r.health_status,
    health_then: r.health_then,
    health_change: r.health !== null && r.health_then !== null ? r.health - r.health_then : null,
    churn_risk: r.churn_risk,
    arr: r.arr,
    renewal_date: r.next_renewal_date,
    days_to_renewal: r.next_renewal_date ? daysBetween(today, r.next_renewal_date) : null,
    last_contact_days: daysSinceContact(r.last_csm_contact_at, today),
    last_login_days: r.last_login_at ? daysBetween(r.last_login_at.slice(0, 10), today) : null,
    adoption: r.adoption,
    primary_driver: r.primary_driver,
    csm: r.csm_name,
  }));
  return {
    answer: listPlanAnswer(plan, out.rows, out.total, out.sort, speaker(user, today)),
    results,
    total: out.total,
  };
}

export async function answerAggregatePlan(db: Db, user: EthicoUserRow, plan: AggregatePlan, now: Date) {
  const today = isoDate(now);
  const out = runAggregatePlan(await planRows(db, user, plan, today), plan, today);
  const results = (plan.group_by ? out.groups : [out.total]).map((g) => ({
    client_id: null,
    name: g.label,
    key: g.key,
    clients: g.clients,
    value: g.value,
    ...(g.forecast ? { forecast: g.forecast } : {}),
  }));
  return { answer: aggregateAnswer(plan, out, speaker(user, today)), results };
}

const when = (at: string, today: string) => {
  const d = daysBetween(at.slice(0, 10), today);
  return `${at.slice(0, 10)} (${d === 0 ? "today" : d === 1 ? "yesterday" : `${d} days ago`})`;
};
const act = (a: { activity_type: string; subject: string; by_first: string | null; by_last: string | null }) =>
  `${a.activity_type.toLowerCase().replace(/_/g, " ")} "${a.subject}"${a.by_first ? ` by ${a.by_first} ${a.by_last ?? ""}`.trimEnd() : ""}`;

/** "When did we last talk to Sarah Chen?": the last activity that names the contact, else what the records say. */
export async function answerLookupPlan(db: Db, user: EthicoUserRow, plan: LookupPlan, now: Date) {
  const today = isoDate(now);
  const scope = clientScopeFor(user);
  const people = await contactsNamed(db, scope, plan.person);
  if (people.length) {
    const lines = people.map((p) => {
      const who = `${p.name}${p.title ? ` (${p.title}, ${p.client_name})` : ` (${p.client_name})`}`;
      if (plan.what === "last_login")
        return p.last_platform_login
          ? `${who} last logged in on ${when(p.last_platform_login, today)}.`
          : `${who} has no login on record.`;
      // The contact record's last CSM contact can be newer than the last logged activity that names them (a CRM sync, say).
      if (
        p.last_activity &&
        (!p.last_csm_contact || p.last_activity.occurred_at.slice(0, 10) >= p.last_csm_contact.slice(0, 10))
      )
        return `We last talked to ${who} on ${when(p.last_activity.occurred_at, today)}: ${act(p.last_activity)}.`;
      if (p.last_csm_contact)
        return `We last talked to ${who} on ${when(p.last_csm_contact, today)} (from the contact record${p.last_activity ? `; the last logged activity naming them was on ${p.last_activity.occurred_at.slice(0, 10)}: ${act(p.last_activity)}` : "; no logged activity names them"}).`;
      return `No activity with ${who} is on record.${p.client_last_contact ? ` The last CSM contact with ${p.client_name} was on ${when(p.client_last_contact, today)}.` : ""}`;
    });
    const lastAt = (x: (typeof people)[number]) =>
      plan.what === "last_login"
        ? x.last_platform_login
        : ([x.last_activity?.occurred_at, x.last_csm_contact]
            .filter((d): d is string => Boolean(d))
            .sort()
            .at(-1) ?? null);
    return {
      answer: lines.join("\n"),
      results: people.map((x) => ({
        client_id: x.client_id,
        name: x.client_name,
        contact: x.name,
        title: x.title,
        last_at: lastAt(x),
        days_ago: lastAt(x) ? daysBetween(lastAt(x)!.slice(0, 10), today) : null,
      })),
    };
  }
  const client = await lastClientActivity(db, scope, plan.person);
  if (client) {
    const at = client.last_activity?.occurred_at ?? client.last_csm_contact_at;
    const answer = client.last_activity
      ? `We last talked to ${client.name} on ${when(client.last_activity.occurred_at, today)}: ${act(client.last_activity)}.`
      : at
        ? `The last CSM contact with ${client.name} was on ${when(at, today)}.`
        : `No contact with ${client.name} is on record.`;
    return {
      answer,
      results: [
        {
          client_id: client.id,
          name: client.name,
          last_at: at,
          days_ago: at ? daysBetween(at.slice(0, 10), today) : null,
        },
      ],
    };
  }
  return {
    answer: `I can't find a contact or client called "${plan.person}" among your clients. Try the full name as it appears on the client's Contacts tab, e.g. "When did we last talk to <contact name>?"`,
    results: [],
  };
}
