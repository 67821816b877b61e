import { describe, expect, it } from "vitest";

import { addDays } from "#worker/core/dates";

import { asUser, JANE, type Json, rows, TODAY, VP } from "./helpers";

// The executive summary endpoints (US-015-003), checked against the database they summarise.

const get = async (email: string, path: string) => {
  const res = await asUser(email, path);
  expect(res.status, path).toBe(200);
  return res.json<Json>();
};

describe("GET /analytics/portfolio", () => {
  it("breaks the portfolio down by tier, industry, CSM and region, each adding up to the totals", async () => {
    const p = await get(VP, "/analytics/portfolio");
    for (const dim of ["tier", "industry", "csm", "region"]) {
      const segs = p.breakdowns[dim] as Json[];
      expect(
        segs.reduce((t, s) => t + s.clients, 0),
        dim,
      ).toBe(p.total_clients.value);
      expect(
        segs.reduce((t, s) => t + s.arr_at_risk, 0),
        dim,
      ).toBe(p.arr_at_risk.value);
    }
    const ent = (
      await rows(
        "SELECT count(*) AS n, sum(annual_recurring_revenue) AS arr FROM clients WHERE account_status = 'ACTIVE' AND contract_tier = 'ENTERPRISE'",
      )
    )[0];
    expect(p.breakdowns.tier.find((s: Json) => s.key === "ENTERPRISE")).toMatchObject({ clients: ent.n, arr: ent.arr });
  });

  it("narrows to one CSM's book, and a CSM never sees beyond their own", async () => {
    const jane = await get(VP, "/analytics/portfolio?csm_id=usr_jane_smith");
    const own = await get(JANE, "/analytics/portfolio");
    const n = (
      await rows("SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE' AND csm_user_id = 'usr_jane_smith'")
    )[0].n;
    expect(jane.total_clients.value).toBe(n);
    expect(own.total_clients.value).toBe(n);
    expect(own.breakdowns.csm.map((s: Json) => s.key)).toEqual(["usr_jane_smith"]);
    // Jane asking for John's book gets the intersection with her own scope: nothing.
    expect((await get(JANE, "/analytics/portfolio?csm_id=usr_john_doe")).total_clients.value).toBe(0);
  });
});

describe("GET /analytics/health-distribution", () => {
  it("counts clients per band now and 30 days ago, with weekly history", async () => {
    const d = await get(VP, "/analytics/health-distribution?days=28");
    const db = (
      await rows(`SELECT sum(current_health_score >= 80) AS green, sum(current_health_score BETWEEN 60 AND 79) AS yellow,
      sum(current_health_score BETWEEN 40 AND 59) AS orange, sum(current_health_score < 40) AS red FROM clients WHERE account_status = 'ACTIVE'`)
    )[0];
    for (const b of d.bands as Json[]) expect(b.clients, b.band).toBe(db[b.band] ?? 0);
    expect(d.history.map((h: Json) => h.date)).toEqual([
      addDays(TODAY, -28),
      addDays(TODAY, -21),
      addDays(TODAY, -14),
      addDays(TODAY, -7),
      TODAY,
    ]);
    const past = (
      await rows(
        "SELECT count(*) AS n, sum(overall_score >= 80) AS green FROM client_health_scores WHERE date = ?",
        addDays(TODAY, -30),
      )
    )[0];
    expect(d.previous_period.clients).toBe(past.n);
    expect(d.bands[0].previous_clients).toBe(past.green);
  });

  it("refuses bad parameters with the JSON error shape", async () => {
    for (const q of ["days=3", "days=abc", "bands=1", "days=30&days=60"]) {
      const res = await asUser(VP, `/analytics/health-distribution?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json<Json>()).error.code).toBe("BAD_REQUEST");
    }
  });
});

describe("GET /analytics/at-risk and /analytics/renewals", () => {
  it("lists exactly the at-risk clients in scope, neediest first, with the weakest component", async () => {
    const r = await get(JANE, "/analytics/at-risk");
    const db = await rows(
      "SELECT id FROM clients WHERE account_status = 'ACTIVE' AND csm_user_id = 'usr_jane_smith' AND health_status IN ('AT_RISK','CRITICAL') ORDER BY attention_priority DESC, name",
    );
    expect(r.clients.map((c: Json) => c.id)).toEqual(db.map((x) => x.id));
    expect(r.clients_at_risk).toBe(db.length);
    const acme = r.clients.find((c: Json) => c.name === "Acme Corporation");
    const latest = (
      await rows("SELECT * FROM client_health_scores WHERE client_id = ? ORDER BY date DESC LIMIT 1", acme.id)
    )[0];
    const lowest = ["usage", "adoption", "support", "relationship", "contract", "outcome"]
      .filter((k) => latest[`${k}_score`] !== null)
      .sort((a, b) => latest[`${a}_score`] - latest[`${b}_score`])[0];
    expect(acme.weakest_component).toEqual({ component: lowest, score: latest[`${lowest}_score`] });
    expect(r.clients.every((c: Json) => c.csm.id === "usr_jane_smith")).toBe(true);
  });

  it("lists renewals inside the window, soonest first, with totals by month", async () => {
    const r = await get(VP, "/analytics/renewals?days=120");
    const db = await rows(
      "SELECT id, annual_recurring_revenue AS arr FROM clients WHERE account_status = 'ACTIVE' AND next_renewal_date BETWEEN ? AND ? ORDER BY next_renewal_date, name",
      TODAY,
      addDays(TODAY, 120),
    );
    expect(r.renewals.map((c: Json) => c.id)).toEqual(db.map((x) => x.id));
    expect(r.arr).toBe(db.reduce((t, x) => t + x.arr, 0));
    expect(r.by_month.reduce((t: number, m: Json) => t + m.clients, 0)).toBe(db.length);
    expect(r.renewals.every((c: Json) => c.days_to_renewal >= 0 && c.days_to_renewal <= 120)).toBe(true);
    expect((await asUser(VP, "/analytics/renewals?days=0")).status).toBe(400);
  });
});

describe("CSM performance", () => {
  it("names every CSM for a VP, with retention and activity from the database", async () => {
    const p = await get(VP, "/analytics/csm-performance?period_days=90");
    expect(p.anonymised).toBe(false);
    const jane = p.csms.find((c: Json) => c.csm.id === "usr_jane_smith");
    expect(jane.csm.name).toBe("Jane Smith");
    const ren = (
      await rows(
        `SELECT count(*) AS n, sum(r.outcome = 'RENEWED') AS ok FROM renewal_outcomes r JOIN clients c ON c.id = r.client_id
      WHERE c.csm_user_id = 'usr_jane_smith' AND r.renewal_date > ? AND r.renewal_date <= ?`,
        addDays(TODAY, -365),
        TODAY,
      )
    )[0];
    expect(jane.retention.renewals).toBe(ren.n);
    if (ren.n > 0) expect(jane.retention.rate_pct).toBe(Math.round((100 * ren.ok) / ren.n));
    const calls = (
      await rows(
        "SELECT count(*) AS n FROM client_activities WHERE performed_by_id = 'usr_jane_smith' AND activity_type = 'CALL' AND occurred_at >= ?",
        addDays(TODAY, -90),
      )
    )[0];
    expect(jane.activities.calls).toBe(calls.n);
  });

  it("anonymises the other CSMs for a CSM, who sees only their own metrics", async () => {
    const p = await get(JANE, "/analytics/csm-performance");
    expect(p.anonymised).toBe(true);
    expect(p.csms[0].csm).toEqual({ id: "usr_jane_smith", name: "Jane Smith", is_me: true });
    const others = p.csms.slice(1);
    expect(others.every((c: Json) => c.csm.id === null && /^CSM [A-Z]+$/.test(c.csm.name))).toBe(true);
    expect(JSON.stringify(p)).not.toContain("John Doe");
    expect((await asUser(JANE, "/analytics/csm/usr_john_doe/metrics")).status).toBe(403);
    const mine = await get(JANE, "/analytics/csm/usr_jane_smith/metrics?period_days=30");
    expect(mine.scorecard.csm.id).toBe("usr_jane_smith");
    expect(mine.health_history.at(-1).date).toBe(TODAY);
    expect((await asUser(VP, "/analytics/csm/usr_nobody/metrics")).status).toBe(404);
    expect((await asUser(VP, "/analytics/csm-performance?period_days=45")).status).toBe(400);
  });
});

describe("benchmarks", () => {
  const acmeId = async () => (await rows("SELECT id FROM clients WHERE name = 'Acme Corporation'"))[0].id as string;

  it("compares a client with its tier cohort: size, averages and percentiles from the database", async () => {
    const id = await acmeId();
    const b = await get(JANE, `/clients/${id}/benchmark`);
    const cohort = await rows(
      "SELECT current_health_score AS s FROM clients WHERE account_status = 'ACTIVE' AND contract_tier = 'ENTERPRISE'",
    );
    expect(b.cohort).toMatchObject({ type: "tier", criteria: ["tier"], size: cohort.length });
    const health = b.metrics.find((m: Json) => m.metric === "health");
    const scores = cohort.map((c) => c.s as number);
    expect(health.cohort_average).toBe(Math.round(scores.reduce((t, s) => t + s, 0) / scores.length));
    const below = scores.filter((s) => s < health.value).length;
    const ties = scores.filter((s) => s === health.value).length;
    expect(health.percentile).toBe(Math.round((100 * (below + ties / 2)) / scores.length));
    expect(b.gaps.map((g: Json) => g.metric)).toContain("usage");
    expect(b.radar).toHaveLength(5);
  });

  it("builds custom cohorts and refuses bad ones; another CSM's client is a 404", async () => {
    const id = await acmeId();
    const custom = await get(JANE, `/clients/${id}/benchmark?cohort=custom&criteria=tier,industry`);
    const n = (
      await rows(
        "SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE' AND contract_tier = 'ENTERPRISE' AND industry = 'Manufacturing'",
      )
    )[0].n;
    expect(custom.cohort.size).toBe(n);
    expect((await asUser(JANE, `/clients/${id}/benchmark?cohort=custom`)).status).toBe(400);
    expect((await asUser(JANE, `/clients/${id}/benchmark?cohort=planet`)).status).toBe(400);
    expect((await asUser(JANE, `/clients/${id}/benchmark?cohort=tier&criteria=size`)).status).toBe(400);
    const johns = (await rows("SELECT id FROM clients WHERE csm_user_id = 'usr_john_doe' LIMIT 1"))[0].id;
    expect((await asUser(JANE, `/clients/${johns}/benchmark`)).status).toBe(404);
  });

  it("never names a look-alike the caller may not see", async () => {
    const id = await acmeId();
    const b = await get(JANE, `/clients/${id}/benchmark?cohort=size`);
    const janes = new Set((await rows("SELECT id FROM clients WHERE csm_user_id = 'usr_jane_smith'")).map((r) => r.id));
    for (const l of b.look_alikes as Json[]) {
      expect(l.health).toBeGreaterThanOrEqual(80);
      if (l.client_id === null) expect(l.name).toMatch(/^An? \w+ client/);
      else expect(janes.has(l.client_id)).toBe(true);
    }
  });

  it("answers industry benchmarks for all clients and the caller's portfolio", async () => {
    const b = await get(JANE, "/benchmarks/industry/Manufacturing?months=6");
    const all = (
      await rows("SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE' AND industry = 'Manufacturing'")
    )[0].n;
    const mine = (
      await rows(
        "SELECT count(*) AS n FROM clients WHERE account_status = 'ACTIVE' AND industry = 'Manufacturing' AND csm_user_id = 'usr_jane_smith'",
      )
    )[0].n;
    expect(b.all.clients).toBe(all);
    expect(b.portfolio?.clients ?? 0).toBe(mine);
    // Month starts (and today) on which the industry has scores: the test seed holds 120 days.
    const dated = await rows(
      "SELECT DISTINCT date FROM client_health_scores WHERE (substr(date, 9, 2) = '01' AND date >= ?) OR date = ? ORDER BY date",
      addDays(TODAY, -200),
      TODAY,
    );
    expect(b.trend.map((t: Json) => t.date)).toEqual(dated.map((d) => d.date).filter((d) => d >= b.trend[0].date));
    expect(b.trend.length).toBeGreaterThanOrEqual(4);
    expect(b.industries.map((i: Json) => i.industry)).toContain("Manufacturing");
    expect((await asUser(JANE, "/benchmarks/industry/Underwater%20Basket%20Weaving")).status).toBe(404);
    expect((await asUser(JANE, "/benchmarks/industry/Manufacturing?months=99")).status).toBe(400);
  });
});
