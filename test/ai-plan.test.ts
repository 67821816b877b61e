import { beforeAll, describe, expect, it } from "vitest";

import { addDays, daysBetween } from "#worker/core/dates";

import { asUser, JANE, type Json, rows, TODAY, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// Issue 18's questions, asked through POST /ai/chat, answered with exactly what the list API
// (GET /clients) or the analytics API (GET /analytics/portfolio, /analytics/churn-risk) return
// for the same plan, in the caller's scope; and each answer states the plan in words.

const ask = async (email: string, message: string) => {
  const res = await asUser(email, "/ai/chat", {
    method: "POST",
    body: JSON.stringify({ message }),
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(200);
  return res.json<Json>();
};
const get = async (email: string, path: string) => (await asUser(email, path)).json<Json>();
const ids = (xs: Json[]) => xs.map((x) => x.client_id ?? x.id);

beforeAll(trainChurnModelByCron);

describe("issue 18's questions equal the list API's answer", () => {
  it("Show me clients whose health dropped more than 10 points this month (the last 30 days, named)", async () => {
    const r = await ask(JANE, "Show me clients whose health dropped more than 10 points this month");
    const since = addDays(TODAY, -30);
    const expected = await rows(
      `SELECT c.id, c.current_health_score - (SELECT h.overall_score FROM client_health_scores h WHERE h.client_id = c.id AND h.date <= ? ORDER BY h.date DESC LIMIT 1) AS change
       FROM clients c WHERE c.account_status = 'ACTIVE' AND c.csm_user_id = 'usr_jane_smith' ORDER BY change, c.name`,
      since,
    );
    const dropped = expected.filter((e) => e.change !== null && e.change < -10);
    expect(dropped.length).toBeGreaterThan(0);
    expect(ids(r.results)).toEqual(dropped.map((e) => e.id));
    expect(r.answer).toContain(`in the last 30 days (since ${since})`);
    for (const x of r.results) expect(x.health_change).toBe(dropped.find((e) => e.id === x.client_id)!.change);
  });

  it("Which of my clients have not been contacted in 60 days?", async () => {
    const r = await ask(JANE, "Which of my clients have not been contacted in 60 days?");
    const list = await get(JANE, "/clients?limit=200");
    const stale = list.data.filter(
      (c: Json) => c.last_csm_contact_at === null || daysBetween(c.last_csm_contact_at.slice(0, 10), TODAY) > 60,
    );
    expect(stale.length).toBeLessThan(list.data.length);
    expect(ids(r.results).sort()).toEqual(ids(stale).sort());
    expect(r.answer).toMatch(new RegExp(`^No CSM contact in over 60 days, your book: ${stale.length} clients?\\.`));
  });

  it("Which enterprise accounts of mine are not healthy?", async () => {
    const r = await ask(JANE, "Which enterprise accounts of mine are not healthy?");
    const list = await get(JANE, "/clients?contract_tier=ENTERPRISE&limit=200");
    const notHealthy = list.data.filter((c: Json) => c.health_status !== "HEALTHY");
    expect(ids(r.results).sort()).toEqual(ids(notHealthy).sort());
    expect(r.results.every((c: Json) => c.health_status !== "HEALTHY")).toBe(true);
    expect(r.answer).toMatch(
      new RegExp(`^Enterprise, health below Healthy, your book: ${notHealthy.length} clients?\\.`),
    );
  });

  it("Top 5 clients by annual revenue", async () => {
    const r = await ask(JANE, "Top 5 clients by annual revenue");
    const list = await get(JANE, "/clients?sort=arr&order=desc&limit=5");
    expect(ids(r.results)).toEqual(ids(list.data));
    expect(r.results.map((c: Json) => c.arr)).toEqual(list.data.map((c: Json) => c.annual_recurring_revenue));
    expect(r.answer).toMatch(/^Everything you can see; top 5 by ARR \(highest first\): 5 of \d+ clients\./);
  });

  it("three riskiest", async () => {
    const r = await ask(JANE, "three riskiest");
    const list = await get(JANE, "/clients?sort=churn_risk&order=desc&limit=3");
    expect(r.results.map((c: Json) => c.churn_risk)).toEqual(list.data.map((c: Json) => c.churn_risk_score));
  });

  it("When did we last talk to Sarah Chen?", async () => {
    const r = await ask(JANE, "When did we last talk to Sarah Chen?");
    const sarah = (
      await rows(
        "SELECT k.id, k.last_csm_contact, c.name AS client FROM client_contacts k JOIN clients c ON c.id = k.client_id WHERE k.name = 'Sarah Chen'",
      )
    )[0];
    const last = (
      await rows(
        "SELECT occurred_at, subject FROM client_activities WHERE EXISTS (SELECT 1 FROM json_each(client_contacts) WHERE value = ?) ORDER BY occurred_at DESC LIMIT 1",
        sarah.id,
      )
    )[0];
    const latest = [last?.occurred_at, sarah.last_csm_contact].filter(Boolean).sort().at(-1) as string;
    expect(r.intent).toBe("lookup");
    expect(r.answer).toMatch(/^We last talked to Sarah Chen \(/);
    expect(r.answer).toContain(latest.slice(0, 10));
    if (last) expect(r.answer).toContain(last.subject);
    expect(r.results[0].last_at).toBe(latest);
    expect(r.results[0]).toMatchObject({ contact: "Sarah Chen", name: sarah.client });
  });
});

describe("the VP's questions equal the analytics API's answer", () => {
  it("Which CSM has the most ARR at risk?", async () => {
    const r = await ask(VP, "Which CSM has the most ARR at risk?");
    const a = await get(VP, "/analytics/portfolio");
    const top = [...a.breakdowns.csm].sort((x: Json, y: Json) => y.arr_at_risk - x.arr_at_risk)[0];
    expect(r.intent).toBe("aggregate");
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ key: top.key, value: top.arr_at_risk });
    expect(r.answer).toMatch(new RegExp(`^${top.label} has the highest ARR at risk`));
  });

  it("ARR at risk by CSM and average health by tier", async () => {
    const a = await get(VP, "/analytics/portfolio");
    const byCsm = await ask(VP, "ARR at risk by CSM");
    for (const seg of a.breakdowns.csm.filter((s: Json) => s.arr_at_risk > 0))
      expect(byCsm.results.find((g: Json) => g.key === seg.key)?.value).toBe(seg.arr_at_risk);
    const byTier = await ask(VP, "average health by tier");
    for (const seg of a.breakdowns.tier)
      expect(byTier.results.find((g: Json) => g.key === seg.key)?.value).toBe(seg.avg_health);
  });

  it("What is our predicted churn rate next quarter?", async () => {
    const r = await ask(VP, "What is our predicted churn rate next quarter?");
    const c = await get(VP, "/analytics/churn-risk");
    expect(r.intent).toBe("aggregate");
    const f = r.results[0].forecast;
    expect(f.expected_clients).toBeCloseTo(c.next_quarter.expected_churn_clients, 2);
    expect(f.expected_arr).toBe(c.next_quarter.expected_churn_arr);
    expect(f.renewals).toBe(c.next_quarter.renewals);
    expect(f.clients_low).toBeLessThanOrEqual(f.expected_clients);
    expect(f.clients_high).toBeGreaterThanOrEqual(f.expected_clients);
    expect(r.answer).toMatch(
      /^Expected churn next quarter \(renewals .* from the churn model's probabilities\), everything you can see: /,
    );
    expect(r.answer).toContain("90% range");
  });

  it("a question it cannot plan is said plainly, with the nearest one it can", async () => {
    const r = await ask(JANE, "Which clients have the most support tickets?");
    expect(r.intent).toBe("cannot_plan");
    expect(r.answer).toMatch(
      /^I can't plan a question about support tickets.*The nearest question I can answer: ".+\?"$/,
    );
  });
});
