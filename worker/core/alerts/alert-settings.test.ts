import { describe, expect, it } from "vitest";

import { analyzeAlert } from "./alert-analysis";
import { compareAlerts } from "./alert-order";
import { type ExistingAlert, reconcileAlerts } from "./alert-reconcile";
import type { AlertCandidate } from "./alert-rules";
import { effectiveSettings, isMuted, quietHoursDelay, quietUntil, settingsProblems } from "./alert-settings";

describe("alert settings", () => {
  it("the client's settings win over the global ones, field by field", () => {
    const s = effectiveSettings(
      {
        types: { HEALTH_DROP: { threshold: 15, channels: ["in_app", "slack"] } },
        quiet_hours: { start: "20:00", end: "07:00", time_zone: "America/Chicago" },
      },
      { types: { HEALTH_DROP: { threshold: 5 } }, muted_until: "2026-12-01" },
    );
    expect(s.types.HEALTH_DROP).toEqual({ enabled: true, threshold: 5, channels: ["in_app", "slack"] });
    expect(s.types.SUPPORT_SPIKE).toEqual({ enabled: true, threshold: 3, channels: ["in_app"] });
    expect(s.quiet_hours?.time_zone).toBe("America/Chicago");
    expect(isMuted(s, "2026-12-01")).toBe(true);
    expect(isMuted(s, "2026-12-02")).toBe(false);
  });

  it("refuses impossible settings with a reason each", () => {
    expect(
      settingsProblems(
        {
          types: {
            HEALTH_DROP: { threshold: 0 },
            PAYMENT_ISSUE: { threshold: 3 },
            USAGE_DECLINE: { channels: ["email"] },
          },
          quiet_hours: { start: "25:00", end: "07:00", time_zone: "Mars/Olympus" },
          muted_until: "2026-12-01",
        },
        "global",
        "2026-11-24",
      ),
    ).toEqual([
      { field: "types.HEALTH_DROP.threshold", message: "must be between 1 and 100 (points lost in 7 days)" },
      { field: "types.PAYMENT_ISSUE.threshold", message: "this alert has no threshold" },
      { field: "types.USAGE_DECLINE.channels", message: "in_app is always on: every alert appears in the app" },
      { field: "quiet_hours.start", message: "must be a time like 20:00" },
      { field: "quiet_hours.time_zone", message: "must be an IANA time zone such as America/Chicago" },
      { field: "muted_until", message: "mutes are per client: send client_id" },
    ]);
    expect(settingsProblems({ muted_until: "2026-11-23" }, "client", "2026-11-24")).toEqual([
      { field: "muted_until", message: "must be today or later (null unmutes)" },
    ]);
    expect(
      settingsProblems({ types: { HEALTH_DROP: { threshold: 15 } }, muted_until: null }, "client", "2026-11-24"),
    ).toEqual([]);
  });

  it("quiet hours in the user's time zone, across midnight, say when they end", () => {
    const q = { start: "20:00", end: "07:00", time_zone: "America/Chicago" }; // UTC−6 in November
    expect(quietUntil(new Date("2026-11-24T03:30:00Z"), q)?.toISOString()).toBe("2026-11-24T13:00:00.000Z"); // 21:30 local
    expect(quietUntil(new Date("2026-11-24T12:59:00Z"), q)?.toISOString()).toBe("2026-11-24T13:00:00.000Z"); // 06:59 local
    expect(quietUntil(new Date("2026-11-24T13:00:00Z"), q)).toBeNull(); // 07:00 local
    expect(quietUntil(new Date("2026-11-24T15:00:00Z"), null)).toBeNull();
    expect(
      quietUntil(new Date("2026-11-24T12:30:00Z"), { start: "12:00", end: "13:00", time_zone: "UTC" })?.toISOString(),
    ).toBe("2026-11-24T13:00:00.000Z");
  });

  it("a delivery in quiet hours is delayed until they end, by at most the queue's 12 hours", () => {
    const at = new Date("2026-11-24T03:30:20Z"); // 21:30:20 in Chicago
    expect(quietHoursDelay(at, { start: "20:00", end: "07:00", time_zone: "America/Chicago" })).toEqual({
      until: new Date("2026-11-24T13:00:00Z"),
      delaySeconds: 9.5 * 3600 - 20,
    });
    expect(quietHoursDelay(at, { start: "00:00", end: "23:59", time_zone: "UTC" })?.delaySeconds).toBe(12 * 3600);
    expect(quietHoursDelay(at, { start: "08:00", end: "09:00", time_zone: "UTC" })).toBeNull();
    expect(quietHoursDelay(at, null)).toBeNull();
  });
});

const cand = (key: string, type: AlertCandidate["alert_type"] = "HEALTH_DROP"): AlertCandidate => ({
  alert_type: type,
  severity: "HIGH",
  title: "t",
  description: "d",
  trigger_metric: "m",
  trigger_value: "1",
  trigger_threshold: "1",
  related_entity_type: null,
  related_entity_id: null,
  dedup_key: key,
});
const alert = (
  id: string,
  key: string,
  status: ExistingAlert["status"],
  over: Partial<ExistingAlert> = {},
): ExistingAlert => ({
  id,
  alert_type: "HEALTH_DROP",
  dedup_key: key,
  status,
  snoozed_until: null,
  condition_cleared_at: null,
  ...over,
});
const now = "2026-11-24T12:00:00.000Z";

describe("dedup and auto-resolve", () => {
  it("one open alert per condition; a new condition creates one", () => {
    const p = reconcileAlerts(
      [alert("a1", "HEALTH_DROP", "ACKNOWLEDGED")],
      [cand("HEALTH_DROP"), cand("USAGE_DECLINE", "USAGE_DECLINE")],
      new Set(),
      now,
    );
    expect(p.create.map((c) => c.dedup_key)).toEqual(["USAGE_DECLINE"]);
    expect(p.refresh.map((r) => r.id)).toEqual(["a1"]);
    expect(p.resolve).toEqual([]);
  });
  it("a cleared condition resolves its open alert with a note; a turned-off type too", () => {
    const p = reconcileAlerts(
      [alert("a1", "HEALTH_DROP", "NEW"), alert("a2", "X", "SNOOZED", { alert_type: "SUPPORT_SPIKE" })],
      [cand("X", "SUPPORT_SPIKE")],
      new Set(["SUPPORT_SPIKE"]),
      now,
    );
    expect(p.resolve).toEqual([
      { id: "a1", note: "Resolved automatically: the condition no longer holds." },
      { id: "a2", note: "Resolved automatically: this alert type was turned off in the alert settings." },
    ]);
  });
  it("a dismissed event stays quiet while it lasts, and alerts again once it has cleared", () => {
    const dismissed = alert("a1", "HEALTH_DROP", "DISMISSED");
    expect(reconcileAlerts([dismissed], [cand("HEALTH_DROP")], new Set(), now).create).toEqual([]);
    expect(reconcileAlerts([dismissed], [], new Set(), now).forget).toEqual(["a1"]);
    expect(
      reconcileAlerts([{ ...dismissed, condition_cleared_at: now }], [cand("HEALTH_DROP")], new Set(), now).create,
    ).toHaveLength(1);
    // A resolved alert never blocks a recurrence.
    expect(
      reconcileAlerts([alert("a2", "HEALTH_DROP", "RESOLVED")], [cand("HEALTH_DROP")], new Set(), now).create,
    ).toHaveLength(1);
  });
  it("a snooze that ended brings the alert back as new", () => {
    const p = reconcileAlerts(
      [
        alert("a1", "HEALTH_DROP", "SNOOZED", { snoozed_until: "2026-11-24T11:00:00.000Z" }),
        alert("a2", "K", "SNOOZED", { snoozed_until: "2026-11-25T00:00:00.000Z" }),
      ],
      [cand("HEALTH_DROP"), cand("K")],
      new Set(),
      now,
    );
    expect(p.unsnooze).toEqual(["a1"]);
  });
});

describe("analysis and order", () => {
  it("says what happened, what is at stake and what to do", () => {
    const a = analyzeAlert(
      { ...cand("HEALTH_DROP"), description: "Health fell from 80 to 66 in the last 7 days." },
      { health: 66, churn_risk: 45, days_to_renewal: 60, arr: 120_000, last_contact_days: 45 },
    );
    expect(a.analysis).toBe(
      "Health is 66. At stake: $120K ARR, renewal in 60 days, churn risk 45%. Last CSM contact was 45 days ago. Act within 2 days.",
    );
    expect(a.recommended_action).toMatch(/^Call the main contact/);
  });
  it("orders by severity, then ARR, then renewal, then newest", () => {
    const x = (severity: "HIGH" | "LOW", arr: number, days: number, created_at: string) => ({
      severity,
      arr,
      days_to_renewal: days,
      created_at,
    });
    const list = [
      x("LOW", 500_000, 10, "a"),
      x("HIGH", 50_000, 200, "a"),
      x("HIGH", 90_000, 200, "a"),
      x("HIGH", 90_000, 30, "a"),
    ];
    expect(list.sort(compareAlerts)).toEqual([
      x("HIGH", 90_000, 30, "a"),
      x("HIGH", 90_000, 200, "a"),
      x("HIGH", 50_000, 200, "a"),
      x("LOW", 500_000, 10, "a"),
    ]);
  });
});
