import { describe, expect, it } from "vitest";

import type { AlertType } from "#worker/core/enums";

import { type AlertInputs, evaluateAlertRules } from "./alert-rules";
import { defaultAlertSettings, effectiveSettings } from "./alert-settings";

const today = "2026-11-24";
const quiet: AlertInputs = {
  client: {
    id: "acme",
    name: "Acme",
    arr: 120_000,
    next_renewal_date: "2027-06-01",
    licensed_user_count: 60,
    payment_status: "CURRENT",
    churn_risk: 10,
  },
  health: { now: 80, sevenDaysAgo: 82 },
  dau: { last30: Array(30).fill(20), prior30: Array(30).fill(20) },
  activeUsers30d: 45,
  tickets: { last7: 1, prior84: 12 },
  keyContacts: [
    {
      id: "sarah",
      name: "Sarah Chen",
      role: "CHAMPION",
      last_platform_login: "2026-11-20T09:00:00Z",
      left_company_at: null,
    },
  ],
  champion: { id: "sarah", name: "Sarah Chen", loginDaysLast14: 8, loginDaysPrior28: 16, left_company_at: null },
  features: [{ key: "case_creation", name: "Case Creation", last_used_at: "2026-11-23T10:00:00Z" }],
  latestNps: { id: "nps1", score: 9, responded_at: "2026-10-01T00:00:00Z" },
  openFollowUps: [],
};
const run = (over: Partial<AlertInputs>, settings = defaultAlertSettings()) =>
  evaluateAlertRules({ ...quiet, ...over }, settings, today);
const types = (over: Partial<AlertInputs>) => run(over).map((a) => a.alert_type);
const only = (t: AlertType, over: Partial<AlertInputs>) => run(over).filter((a) => a.alert_type === t);

describe("alert rules at their thresholds", () => {
  it("a quiet, healthy client raises nothing", () => expect(run({})).toEqual([]));

  it("HEALTH_DROP: 10 points in 7 days (critical at twice that)", () => {
    expect(only("HEALTH_DROP", { health: { now: 71, sevenDaysAgo: 80 } })).toEqual([]);
    const [a] = only("HEALTH_DROP", { health: { now: 70, sevenDaysAgo: 80 } });
    expect(a).toMatchObject({
      severity: "HIGH",
      trigger_metric: "health_score_change_7d",
      trigger_value: "-10",
      trigger_threshold: "-10",
      related_entity_type: "client",
      dedup_key: "HEALTH_DROP",
    });
    expect(only("HEALTH_DROP", { health: { now: 60, sevenDaysAgo: 80 } })[0].severity).toBe("CRITICAL");
    expect(only("HEALTH_DROP", { health: { now: 60, sevenDaysAgo: null } })).toEqual([]);
  });

  it("KEY_USER_INACTIVE: a stakeholder with no login for 14 days, one alert each", () => {
    const c = (login: string, role = "EXECUTIVE_SPONSOR") => ({
      id: `p-${login}`,
      name: "Pat",
      role,
      last_platform_login: login,
      left_company_at: null,
    });
    expect(only("KEY_USER_INACTIVE", { keyContacts: [c("2026-11-11T00:00:00Z")] })).toEqual([]);
    const [a] = only("KEY_USER_INACTIVE", {
      keyContacts: [c("2026-11-10T00:00:00Z"), c("2026-10-01T00:00:00Z", "USER")],
    });
    expect(a).toMatchObject({
      trigger_value: "14",
      related_entity_type: "contact",
      related_entity_id: "p-2026-11-10T00:00:00Z",
      dedup_key: "KEY_USER_INACTIVE:p-2026-11-10T00:00:00Z",
      severity: "HIGH",
    });
  });

  it("SUPPORT_SPIKE: 3× the normal weekly volume, and at least 3 tickets", () => {
    expect(only("SUPPORT_SPIKE", { tickets: { last7: 5, prior84: 24 } })).toEqual([]); // 2.5×
    expect(only("SUPPORT_SPIKE", { tickets: { last7: 6, prior84: 24 } })[0]).toMatchObject({
      trigger_value: "3",
      severity: "MEDIUM",
    });
    expect(only("SUPPORT_SPIKE", { tickets: { last7: 2, prior84: 0 } })).toEqual([]);
    expect(only("SUPPORT_SPIKE", { tickets: { last7: 3, prior84: 0 } })).toHaveLength(1);
  });

  it("USAGE_DECLINE: 30-day DAU 30% below the 30 days before it (the one usage window)", () => {
    expect(only("USAGE_DECLINE", { dau: { last30: Array(30).fill(14.2), prior30: Array(30).fill(20) } })).toEqual([]);
    expect(
      only("USAGE_DECLINE", { dau: { last30: Array(30).fill(14), prior30: Array(30).fill(20) } })[0],
    ).toMatchObject({ trigger_value: "-30", trigger_threshold: "-30" });
    expect(only("USAGE_DECLINE", { dau: { last30: Array(30).fill(0), prior30: Array(10).fill(20) } })).toEqual([]); // too little history
    // The metric's baseline rule, not a second one: a small client (0.8 → 0.5 a day) alerts like the Usage tab says…
    expect(
      only("USAGE_DECLINE", { dau: { last30: Array(30).fill(0.5), prior30: Array(30).fill(0.8) } })[0],
    ).toMatchObject({ trigger_value: "-38" });
    // …and below the baseline floor neither shows a change.
    expect(only("USAGE_DECLINE", { dau: { last30: Array(30).fill(0), prior30: Array(30).fill(0.4) } })).toEqual([]);
  });

  it("FEATURE_ABANDONED: a used feature idle for 30 days, keyed to the last use", () => {
    expect(
      only("FEATURE_ABANDONED", { features: [{ key: "f", name: "F", last_used_at: "2026-10-26T00:00:00Z" }] }),
    ).toEqual([]);
    expect(
      only("FEATURE_ABANDONED", { features: [{ key: "f", name: "F", last_used_at: "2026-10-25T00:00:00Z" }] })[0],
    ).toMatchObject({ dedup_key: "FEATURE_ABANDONED:f:2026-10-25", severity: "LOW" });
    expect(only("FEATURE_ABANDONED", { features: [{ key: "f", name: "F", last_used_at: null }] })).toEqual([]);
  });

  it("RENEWAL_APPROACHING: one alert per milestone, 90, 60 and 30 days", () => {
    const at = (d: string) => only("RENEWAL_APPROACHING", { client: { ...quiet.client, next_renewal_date: d } });
    expect(at("2027-02-23")).toEqual([]); // 91 days
    expect(at("2027-02-22")[0]).toMatchObject({
      trigger_value: "90",
      trigger_threshold: "90",
      dedup_key: "RENEWAL_APPROACHING:2027-02-22:90",
    });
    expect(at("2027-01-23")[0]).toMatchObject({ trigger_threshold: "60" });
    expect(at("2026-12-24")[0]).toMatchObject({ trigger_threshold: "30", severity: "MEDIUM" });
    expect(
      only("RENEWAL_APPROACHING", { client: { ...quiet.client, next_renewal_date: "2026-12-24", churn_risk: 60 } })[0]
        .severity,
    ).toBe("HIGH");
    expect(at("2026-11-23")).toEqual([]); // passed
  });

  it("CONTRACT_UTILIZATION_LOW: under 50% of licensed users active", () => {
    expect(only("CONTRACT_UTILIZATION_LOW", { activeUsers30d: 30 })).toEqual([]);
    expect(only("CONTRACT_UTILIZATION_LOW", { activeUsers30d: 29 })[0]).toMatchObject({
      trigger_value: "48",
      trigger_threshold: "50",
    });
  });

  it("CHAMPION_RISK: logins halved, or the champion left", () => {
    const ch = quiet.champion!;
    expect(only("CHAMPION_RISK", { champion: { ...ch, loginDaysLast14: 5, loginDaysPrior28: 16 } })).toEqual([]);
    expect(only("CHAMPION_RISK", { champion: { ...ch, loginDaysLast14: 4, loginDaysPrior28: 16 } })[0]).toMatchObject({
      trigger_value: "-50",
      severity: "HIGH",
      related_entity_id: "sarah",
    });
    expect(only("CHAMPION_RISK", { champion: { ...ch, left_company_at: "2026-11-01" } })[0]).toMatchObject({
      severity: "CRITICAL",
      dedup_key: "CHAMPION_RISK:sarah:left",
    });
    expect(only("CHAMPION_RISK", { champion: { ...ch, loginDaysLast14: 0, loginDaysPrior28: 3 } })).toEqual([]); // never engaged enough to drop
  });

  it("NPS_DETRACTOR (6 or lower, last 90 days), PAYMENT_ISSUE and overdue follow-ups", () => {
    expect(only("NPS_DETRACTOR", { latestNps: { id: "n", score: 7, responded_at: "2026-11-01T00:00:00Z" } })).toEqual(
      [],
    );
    expect(
      only("NPS_DETRACTOR", { latestNps: { id: "n", score: 6, responded_at: "2026-11-01T00:00:00Z" } })[0],
    ).toMatchObject({ dedup_key: "NPS_DETRACTOR:n" });
    expect(only("NPS_DETRACTOR", { latestNps: { id: "n", score: 2, responded_at: "2026-08-01T00:00:00Z" } })).toEqual(
      [],
    );
    expect(only("PAYMENT_ISSUE", { client: { ...quiet.client, payment_status: "LATE" } })[0].severity).toBe("HIGH");
    expect(only("PAYMENT_ISSUE", { client: { ...quiet.client, payment_status: "DELINQUENT" } })[0].severity).toBe(
      "CRITICAL",
    );
    const f = (due: string) =>
      only("FOLLOW_UP_OVERDUE", { openFollowUps: [{ id: "a1", subject: "Send deck", follow_up_date: due }] });
    expect(f("2026-11-24")).toEqual([]);
    expect(f("2026-11-23")[0]).toMatchObject({
      trigger_value: "1",
      related_entity_type: "activity",
      dedup_key: "FOLLOW_UP_OVERDUE:a1",
    });
    expect(f("2026-10-20")).toEqual([]); // more than 30 days: history, not an alert
  });

  it("follows the settings: thresholds and types turned off", () => {
    const s = effectiveSettings(
      { types: { HEALTH_DROP: { threshold: 15 } } },
      { types: { USAGE_DECLINE: { enabled: false } } },
    );
    expect(evaluateAlertRules({ ...quiet, health: { now: 68, sevenDaysAgo: 80 } }, s, today)).toEqual([]);
    expect(
      evaluateAlertRules({ ...quiet, health: { now: 65, sevenDaysAgo: 80 } }, s, today).map((a) => a.alert_type),
    ).toEqual(["HEALTH_DROP"]);
    expect(
      evaluateAlertRules({ ...quiet, dau: { last30: Array(30).fill(1), prior30: Array(30).fill(20) } }, s, today),
    ).toEqual([]);
    expect(types({ dau: { last30: Array(30).fill(1), prior30: Array(30).fill(20) } })).toEqual(["USAGE_DECLINE"]);
  });
});
