import { describe, expect, it } from "vitest";

import { type ClientFacts, redactContactDetails } from "./client-facts";
import { narrateSummary, playbookActions } from "./narrator";

const acme: ClientFacts = {
  client: "Acme Corporation",
  tier: "ENTERPRISE",
  industry: "Manufacturing",
  arr: 120_000,
  days_to_renewal: 91,
  health: {
    score: 59,
    status: "AT_RISK",
    change_30d: -11,
    components: { usage: 34, adoption: 78, support: 39, relationship: 49, contract: 76, outcome: 98 },
    weakest: { component: "usage", score: 34 },
  },
  churn: {
    risk_pct: 34,
    category: "MEDIUM",
    factors: [
      { factor: "usage_decline", impact: "high", detail: "DAU down 21% vs the previous 30 days; usage score 34" },
      { factor: "contract_risk", impact: "medium", detail: "NPS 6 (detractor); contract score 76" },
    ],
  },
  engagement: {
    last_csm_contact_days: 45,
    activities_90d: 1,
    champion: { name: "Sarah Chen", days_since_login: 21 },
    inactive_key_contacts: 1,
  },
};

describe("local narrator", () => {
  it("cites the open alerts, three at most", () => {
    const alerts = ["Usage drop", "Champion inactive", "Renewal approaching", "Support spike"].map((title, i) => ({
      id: `alt_${i}`,
      type: "X",
      severity: i ? "MEDIUM" : "HIGH",
      title,
    }));
    expect(narrateSummary({ ...acme, alerts: alerts.slice(0, 1) })).toMatch(/ Open alerts: Usage drop \(high\)\.$/);
    expect(narrateSummary({ ...acme, alerts })).toMatch(
      / Open alerts: Usage drop \(high\); Champion inactive \(medium\); Renewal approaching \(medium\) and 1 more\.$/,
    );
    expect(narrateSummary({ ...acme, alerts: [] })).not.toContain("Open alerts");
    expect(
      narrateSummary({
        ...acme,
        alerts: [{ ...alerts[0], title: "Acme Corporation: Sarah Chen has not logged in for 21 days" }],
      }),
    ).toMatch(/ Open alerts: Sarah Chen has not logged in for 21 days \(high\)\.$/);
  });

  it("summarises from the facts only", () => {
    const s = narrateSummary(acme);
    expect(s).toBe(
      "Acme Corporation (enterprise, $120K) is at health 59 (at risk), down 11 points in 30 days. The weakest area is usage at 34. " +
        "Churn risk at the next renewal is 34% (medium), driven by: DAU down 21% vs the previous 30 days; NPS 6 (detractor). Renewal is in 91 days. " +
        "The champion, Sarah Chen, last logged in 21 days ago. Last CSM contact was 45 days ago (1 activity in 90 days).",
    );
  });

  it("says what it does not know instead of guessing", () => {
    const s = narrateSummary({
      ...acme,
      health: { ...acme.health, score: null, weakest: null },
      churn: null,
      days_to_renewal: null,
      engagement: { ...acme.engagement, last_csm_contact_days: null, champion: null },
    });
    expect(s).toContain("has no health score yet");
    expect(s).toContain("no CSM contact on record");
    expect(s).not.toMatch(/Churn risk|Renewal is/);
  });

  it("recommends actions tied to each risk factor, most urgent first", () => {
    const a = playbookActions(acme);
    expect(a.map((x) => x.factor)).toEqual([
      "champion_inactive",
      "relationship_gap",
      "usage_decline",
      "support_spike",
      "contract_risk",
    ]);
    expect(a[0]).toMatchObject({ priority: "high", why: "Champion inactive for 21 days" });
    expect(a.find((x) => x.factor === "usage_decline")!.why).toContain("DAU down 21%");
  });

  it("has one low-priority action for a healthy client", () => {
    const healthy: ClientFacts = {
      ...acme,
      health: {
        ...acme.health,
        score: 90,
        change_30d: 2,
        components: { usage: 90, adoption: 90, support: 90, relationship: 90, contract: 90, outcome: 90 },
      },
      churn: null,
      engagement: { ...acme.engagement, last_csm_contact_days: 5, champion: { name: "Sam", days_since_login: 1 } },
    };
    expect(playbookActions(healthy)).toEqual([expect.objectContaining({ factor: "healthy", priority: "low" })]);
  });

  it("asks what changed when the score fell with no usage or support factor to explain it", () => {
    const healthy: ClientFacts = {
      ...acme,
      health: {
        ...acme.health,
        score: 72,
        change_30d: -12,
        components: { usage: 90, adoption: 90, support: 90, relationship: 90, contract: 90, outcome: 90 },
      },
      churn: null,
      engagement: { ...acme.engagement, last_csm_contact_days: 5, champion: null },
    };
    expect(playbookActions(healthy)).toEqual([
      expect.objectContaining({ factor: "health_drop", priority: "high", why: "Health down 12 points in 30 days" }),
    ]);
  });

  it("masks emails and phone numbers before anything reaches a prompt", () => {
    expect(redactContactDetails("Call Sarah at +1 (312) 555-0142 or sarah.chen@acme.example, ARR 120000")).toBe(
      "Call Sarah at [phone] or [email], ARR 120000",
    );
  });
});
