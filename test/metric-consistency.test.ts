import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { needsAttention } from "#worker/core/ai/daily-briefing";
import { arrAtRisk, daysSinceContact } from "#worker/core/metrics/contact-and-risk";
import { percentileRank } from "#worker/core/metrics/percentile";
import { USAGE_WINDOW_LABEL, usageChangePct, usageWindows } from "#worker/core/metrics/usage-change";
import { getDb } from "#worker/db/client";
import { evaluateAlerts } from "#worker/services/alerts/evaluate-alerts";

import { asUser, JANE, type Json, one, PAGE, rows, TODAY, VP } from "./helpers";
import { trainChurnModelByCron } from "./helpers/churn-model";

// Issue 17, "one definition per metric": the same client read through the API, every client
// page tab (server-rendered HTML), the portfolio page, the briefing and the chat (the local
// deterministic narrator) must quote the same figures. For Acme, Beta and one more client of
// Jane's, as Jane (CSM) and as the VP. Expected values come from the raw tables through the
// core definitions, so a screen that computes its own figure fails here.

const api = async (email: string, path: string) => {
  const res = await asUser(email, path);
  expect(res.status, path).toBe(200);
  return res.json<Json>();
};
/** A page's visible text (tags and the hydration payload's script removed, entities decoded). */
const pageText = async (email: string, path: string) => {
  const res = await asUser(email, `${PAGE}${path}`);
  expect(res.status, path).toBe(200);
  const html = (await res.text()).replace(/<script[\s\S]*?<\/script>/g, " ");
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
};
const chat = async (email: string, message: string) => {
  const res = await asUser(email, "/ai/chat", {
    method: "POST",
    body: JSON.stringify({ message }),
    headers: { "content-type": "application/json" },
  });
  expect(res.status).toBe(200);
  return res.json<Json>();
};

/** Every "DAU down 31%" / "daily active users down 31%" / "DAU up 4%" in a text, as signed percentages. */
function dauChangesIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(?:DAU|daily active users)\s+(down|up|fell|rose)\s+(\d+)%/gi))
    out.push((/down|fell/i.test(m[1]) ? -1 : 1) * Number(m[2]));
  return out;
}

/** The canonical DAU change from the raw daily rows: the last 30 days against the 30 before. */
async function expectedDauChange(clientId: string): Promise<number | null> {
  const w = usageWindows(TODAY);
  const avg = async (from: string, to: string) =>
    (await one(
      "SELECT avg(daily_active_users) AS v, count(daily_active_users) AS days FROM client_usage_metrics WHERE client_id = ? AND date BETWEEN ? AND ?",
      clientId,
      from,
      to,
    )) as { v: number | null; days: number };
  const [current, previous] = [await avg(w.current.from, w.current.to), await avg(w.previous.from, w.previous.to)];
  return usageChangePct(current.v, previous.v, previous.days);
}

let clients: { name: string; id: string }[] = [];

beforeAll(async () => {
  // Churn scores and factors as production keeps them (the weekly cron), and today's alerts.
  await trainChurnModelByCron();
  const active = await rows("SELECT id FROM clients WHERE account_status = 'ACTIVE'");
  await evaluateAlerts(
    getDb(env.DB),
    active.map((r) => r.id as string),
    new Date(),
  );
  const named = await rows(
    "SELECT id, name FROM clients WHERE name IN ('Acme Corporation', 'Beta Industries') ORDER BY name",
  );
  // One more of Jane's clients: a fixed pick on the fixed seed, so a failure reproduces (the
  // whole-book test below covers the usage figure for every client).
  const janes = await rows(
    "SELECT id, name FROM clients WHERE csm_user_id = 'usr_jane_smith' AND account_status = 'ACTIVE' AND name NOT IN ('Acme Corporation', 'Beta Industries') ORDER BY id",
  );
  const random = janes[7 % janes.length];
  clients = [...named, random].map((r) => ({ id: String(r.id), name: String(r.name) }));
  expect(clients).toHaveLength(3);
});

describe.each([
  ["a CSM (Jane Smith)", JANE],
  ["the VP", VP],
])("one figure per metric, as %s", (_who, email) => {
  it.each([0, 1, 2])(
    "client #%i (Acme, Beta, random): DAU change is one figure with one window everywhere",
    async (i) => {
      const c = clients[i];
      const expected = await expectedDauChange(c.id);
      const usage = await api(email, `/clients/${c.id}/usage`);
      expect(usage.daily_active_users).toMatchObject({ change_pct: expected, window: USAGE_WINDOW_LABEL });

      // The Usage tab names the same window with the same figure.
      const usageTab = await pageText(email, `/clients/${c.id}?tab=usage`);
      if (expected === null) expect(usageTab).toContain("no baseline in the 30 days before");
      else expect(usageTab).toContain(`${expected > 0 ? "+" : ""}${expected}% ${USAGE_WINDOW_LABEL}`);

      // The alert: fires at the default 30% and quotes the same figure; absent when usage did not fall that far.
      const alerts = (await api(email, `/clients/${c.id}/alerts?limit=100`)).data.filter(
        (a: Json) => a.alert_type === "USAGE_DECLINE" && a.status !== "RESOLVED",
      );
      if (expected !== null && expected <= -30) {
        expect(alerts).toHaveLength(1);
        expect(alerts[0].trigger_value).toBe(String(expected));
        expect(dauChangesIn(alerts[0].title)).toEqual([expected]);
      } else {
        expect(alerts).toEqual([]);
      }

      // The churn factors (live and as stored on the client) say the same number, or "steady" / "unknown" when they should.
      const risk = await api(email, `/clients/${c.id}/churn-risk`);
      const detail = await api(email, `/clients/${c.id}`);
      const usageFactors = [...risk.factors, ...(detail.ai_risk_factors ?? [])]
        .filter((f: Json) => f.factor === "usage_decline")
        .map((f: Json) => String(f.detail));
      // Usage decline is a driver only when usage fell (a steady or rising DAU never is); a
      // collapse like Acme's always is.
      if (expected !== null && expected <= -30) expect(usageFactors.length).toBeGreaterThan(0);
      for (const text of usageFactors) {
        const found = dauChangesIn(text);
        if (found.length) expect(found).toEqual([expected]);
        else expect(expected === null || expected > -5).toBe(true); // the driver quotes another usage figure
      }

      // Every page of the client, the briefing and the chat: any DAU change quoted is that one.
      const quoted: number[] = [];
      for (const tab of ["overview", "timeline", "usage", "adoption", "contacts", "contract", "benchmark"]) {
        quoted.push(...dauChangesIn(await pageText(email, `/clients/${c.id}?tab=${tab}`)));
      }
      const briefing = await api(email, "/ai/briefing?limit=25");
      const item = briefing.items.find((x: Json) => x.client_id === c.id);
      if (item) quoted.push(...dauChangesIn(item.why.join("; ")));
      const status = await chat(email, `How is ${c.name} doing?`);
      expect(status.intent).toBe("client_status");
      quoted.push(...dauChangesIn(status.answer));
      const drivers = await chat(email, `Why is ${c.name}'s health score dropping?`);
      quoted.push(...dauChangesIn(drivers.answer));
      for (const q of quoted) expect(q).toBe(expected);
    },
  );

  it.each([0, 1, 2])(
    "client #%i: modules in use, cohort averages, percentiles, last contact and NPS answers agree",
    async (i) => {
      const c = clients[i];
      const [usage, adoption, bench, detail] = await Promise.all([
        api(email, `/clients/${c.id}/usage`),
        api(email, `/clients/${c.id}/adoption`),
        api(email, `/clients/${c.id}/benchmark?cohort=tier`),
        api(email, `/clients/${c.id}`),
      ]);

      // Modules in use: a licensed module with a feature in Light, Active or Power use, on both tabs.
      const modules = adoption.modules.filter((m: Json) => m.features.some((f: Json) => f.is_licensed));
      const inUse = modules.filter((m: Json) =>
        m.features.some(
          (f: Json) => f.is_licensed && ["LIGHT_USE", "ACTIVE_USE", "POWER_USE"].includes(f.adoption_status),
        ),
      );
      expect(usage.feature_breadth).toMatchObject({ modules_used_30d: inUse.length, modules_licensed: modules.length });
      expect(adoption.modules_in_use).toMatchObject({ used: inUse.length, licensed: modules.length });
      const sentence = `${inUse.length} of ${modules.length} licensed modules in use`;
      expect(await pageText(email, `/clients/${c.id}?tab=usage`)).toContain(sentence);
      const adoptionTab = await pageText(email, `/clients/${c.id}?tab=adoption`);
      expect(adoptionTab).toContain(sentence);

      // Tier cohort averages are per-client averages over the same 30 days: DAU ≤ WAU ≤ MAU, and a
      // week of daily users covers the weekly ones (DAU × 7 ≥ WAU).
      const [d, w, m] = ["daily_active_users", "weekly_active_users", "monthly_active_users"].map(
        (k) => usage[k].tier_cohort_average as number,
      );
      expect(d).toBeLessThanOrEqual(w);
      expect(w).toBeLessThanOrEqual(m);
      expect(d * 7).toBeGreaterThanOrEqual(w);

      // Adoption percentile: filled for every licensed feature, the one percentile definition, shown on the tab.
      const cohortRows = await rows(
        `SELECT a.feature_key, a.usage_30_days AS u FROM client_feature_adoptions a JOIN clients k ON k.id = a.client_id
       WHERE a.is_licensed AND k.account_status = 'ACTIVE' AND k.contract_tier = (SELECT contract_tier FROM clients WHERE id = ?)`,
        c.id,
      );
      for (const f of adoption.modules.flatMap((x: Json) => x.features).filter((f: Json) => f.is_licensed)) {
        const values = cohortRows.filter((r) => r.feature_key === f.feature_key).map((r) => Number(r.u));
        expect(f.adoption_percentile, f.feature_key).toBe(percentileRank(f.usage_30_days, values));
      }
      const licensedCount = adoption.modules.flatMap((x: Json) => x.features).filter((f: Json) => f.is_licensed).length;
      expect((adoptionTab.match(/\b\d+(?:st|nd|rd|th)\b/g) ?? []).length).toBeGreaterThanOrEqual(licensedCount);

      // Health percentile in the tier: the Overview's "%ile" is the Benchmark tab's percentile.
      const health = bench.metrics.find((x: Json) => x.metric === "health");
      const tierLabel = detail.contract_tier.charAt(0) + detail.contract_tier.slice(1).toLowerCase();
      const overview = await pageText(email, `/clients/${c.id}?tab=overview`);
      const standing = overview.match(
        new RegExp(`vs ${tierLabel} avg: (\\d+) \\( (\\d+)(?:st|nd|rd|th) %ile of (\\d+) \\)`),
      );
      expect(standing, "overview tier standing").not.toBeNull();
      expect({ percentile: Number(standing![2]), size: Number(standing![3]) }).toEqual({
        percentile: health.percentile,
        size: bench.cohort.size,
      });
      const benchTab = await pageText(email, `/clients/${c.id}?tab=benchmark`);
      expect(benchTab).toMatch(new RegExp(`Health score [^|]*?\\b${health.percentile}\\b`));

      // Last contact: the header, the chat's structured answer and the briefing quote the same days.
      const days = daysSinceContact(detail.last_csm_contact_at, TODAY);
      if (days === null) expect(overview).toContain("last CSM contact never");
      else
        expect(overview).toContain(
          `last CSM contact ${days === 0 ? "today" : days === 1 ? "1 day ago" : `${days} days ago`}`,
        );
      const status = await chat(email, `How is ${c.name} doing?`);
      expect(status.results[0].last_contact_days).toBe(days);
      const briefing = await api(email, "/ai/briefing?limit=25");
      const item = briefing.items.find((x: Json) => x.client_id === c.id);
      if (item) expect(item.last_contact_days).toBe(days);

      // One survey answer is one timeline row: no answer shows twice. Rows are told apart by the
      // answer's id, not by how they read: the pinned seed gives some clients two anonymous answers
      // with the same score on one day, which read the same and are still two answers.
      const timeline = await api(email, `/clients/${c.id}/timeline?type=survey&limit=100`);
      const ids = timeline.data.map((r: Json) => r.id as string);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it("'needs attention' and ARR at risk are one count and one sum on every screen", async () => {
    const list = await api(email, "/clients?limit=100");
    let rows = list.data as Json[];
    for (let page = 2; page <= list.pagination.pages; page++)
      rows = rows.concat((await api(email, `/clients?limit=100&page=${page}`)).data);

    // The count is the core predicate over every client the user can see (not the listed slice).
    const briefing = await api(email, "/ai/briefing?limit=25");
    const n = briefing.needs_attention as number;
    const expectedCount = rows.filter((r) =>
      needsAttention({
        client_id: r.id,
        name: r.name,
        arr: r.annual_recurring_revenue,
        health_score: r.current_health_score,
        health_status: r.health_status,
        health_change: r.health_trend_change,
        churn_risk: r.churn_risk_score,
        days_to_renewal: r.days_to_renewal,
        last_contact_days: daysSinceContact(r.last_csm_contact_at, TODAY),
        risk_factors: [],
      }),
    ).length;
    expect(n).toBe(expectedCount);
    expect(n).toBeGreaterThanOrEqual(briefing.items.length);
    const phrase =
      n === 0 ? "No client needs attention today" : `${n} ${n === 1 ? "client needs" : "clients need"} attention today`;
    expect(briefing.headline).toContain(phrase);
    // The portfolio lists 5, the briefing page 10: both say the same count.
    expect(await pageText(email, "/")).toContain(phrase);
    expect(await pageText(email, "/briefing")).toContain(phrase);

    // ARR at risk: the summary card, the executive at-risk view and the client list agree.
    const expected = arrAtRisk(rows.map((r) => ({ health_status: r.health_status, arr: r.annual_recurring_revenue })));
    expect((await api(email, "/analytics/at-risk")).arr_at_risk).toBe(expected);
    const usd =
      expected >= 1_000_000
        ? `$${(expected / 1_000_000).toFixed(1)}M`
        : expected >= 1_000
          ? `$${Math.round(expected / 1_000)}K`
          : `$${expected}`;
    expect(await pageText(email, "/")).toMatch(new RegExp(`ARR at risk ${usd.replace(/[$.]/g, "\\$&")}`));
  });
});

describe("the usage alert and the usage figure, across the whole book", () => {
  // Three clients per run cannot find a rule that differs only for small clients: every active
  // client's open usage alert must exist exactly when its canonical DAU change is −30% or worse.
  it("every active client has a usage-decline alert if and only if its DAU change is at or past the threshold", async () => {
    const active = await rows("SELECT id FROM clients WHERE account_status = 'ACTIVE' ORDER BY id");
    const alerted = new Set(
      (
        await rows(
          "SELECT DISTINCT client_id FROM client_alerts WHERE alert_type = 'USAGE_DECLINE' AND status IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED', 'DISMISSED')",
        )
      ).map((r) => String(r.client_id)),
    );
    const mismatches: string[] = [];
    for (const { id } of active) {
      const expected = await expectedDauChange(String(id));
      const shouldAlert = expected !== null && expected <= -30;
      if (shouldAlert !== alerted.has(String(id)))
        mismatches.push(`${id}: change ${expected}, alert ${alerted.has(String(id))}`);
    }
    expect(mismatches).toEqual([]);
  });
});
