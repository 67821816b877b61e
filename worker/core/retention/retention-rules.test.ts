import { describe, expect, it } from "vitest";

import { RETENTION_RULES, retentionCutoff } from "./retention-rules";

describe("retention rules", () => {
  it("keep the PRD's periods: health and usage 3 years, activities 7, alerts 1", () => {
    const years = Object.fromEntries(RETENTION_RULES.map((r) => [r.table, r.years]));
    expect(years).toEqual({
      client_health_scores: 3,
      health_daily_rollup: 3,
      client_usage_metrics: 3,
      user_daily_activity: 3,
      feature_daily_usage: 3,
      ingested_events: 3,
      client_activities: 7,
      client_alerts: 1,
      audit_log: 1,
      audit_refusal_counts: 1,
    });
    expect(RETENTION_RULES.find((r) => r.table === "audit_log")?.onlyWhen).toBe(
      "outcome IN ('DENIED', 'NOT_FOUND', 'INVALID')",
    );
    expect(RETENTION_RULES.find((r) => r.table === "client_alerts")?.onlyWhen).toBe(
      "status IN ('RESOLVED', 'DISMISSED')",
    );
  });

  it("cut at the same calendar day whole years back", () => {
    expect(retentionCutoff("2026-11-24", 3)).toBe("2023-11-24");
    expect(retentionCutoff("2026-11-24", 7)).toBe("2019-11-24");
    expect(retentionCutoff("2027-01-01", 1)).toBe("2026-01-01");
  });

  it("keep 28 February when today is a 29 February whose year-back twin does not exist", () => {
    expect(retentionCutoff("2028-02-29", 1)).toBe("2027-02-28");
    expect(retentionCutoff("2028-02-29", 4)).toBe("2024-02-29");
  });

  it("compare as text with both dates and timestamps: a timestamp on the cutoff day is kept", () => {
    const cutoff = retentionCutoff("2026-11-24", 1);
    expect("2025-11-23T23:59:59.999Z" < cutoff).toBe(true);
    expect("2025-11-24T00:00:00.000Z" < cutoff).toBe(false);
    expect("2025-11-24" < cutoff).toBe(false);
  });
});
