import { describe, expect, it } from "vitest";

import { basisChanges, type SummaryBasis, summaryBasis } from "./summary-basis";

const written: SummaryBasis = summaryBasis({
  health_score: 56,
  health_status: "AT_RISK",
  churn_risk_pct: 20,
  churn_category: "MEDIUM",
  last_csm_contact_at: "2026-10-21T15:00:00.000Z",
  last_contact_days: 45,
  alert_ids: ["alt_b", "alt_a"],
});

describe("summary basis", () => {
  it("sorts alert ids so the same alerts compare equal", () => {
    expect(written.alert_ids).toEqual(["alt_a", "alt_b"]);
    expect(basisChanges(written, summaryBasis({ ...written, alert_ids: ["alt_b", "alt_a"] }))).toEqual([]);
  });

  it("names every fact that changed, as the header now shows it", () => {
    const now = summaryBasis({
      health_score: 60,
      health_status: "MONITOR",
      churn_risk_pct: 18,
      churn_category: "LOW",
      last_csm_contact_at: "2026-12-05T09:00:00.000Z",
      last_contact_days: 0,
      alert_ids: ["alt_a", "alt_c"],
    });
    expect(basisChanges(written, now).map((c) => c.text)).toEqual([
      "health 56 → 60",
      "band at risk → monitor",
      "churn risk 20% → 18%",
      "last contact 45 days ago → 0 days ago",
      "1 new alert, 1 alert closed",
    ]);
  });

  it("a new day changes 'last contact N days ago'; a category alone is named when the percentage held", () => {
    expect(basisChanges(written, { ...written, last_contact_days: 46 }).map((c) => c.fact)).toEqual([
      "last_contact_days",
    ]);
    expect(
      basisChanges(written, { ...written, last_csm_contact_at: "2026-10-21T16:00:00.000Z" }).map((c) => c.text),
    ).toEqual(["a newer CSM contact (45 days ago)"]);
    expect(basisChanges(written, { ...written, churn_category: "HIGH" }).map((c) => c.text)).toEqual([
      "churn risk medium → high",
    ]);
    expect(
      basisChanges(written, { ...written, last_csm_contact_at: null, last_contact_days: null }).map((c) => c.text),
    ).toEqual(["last contact 45 days ago → none on record"]);
  });

  it("treats a summary stored without its facts as out of date", () => {
    expect(basisChanges(null, written)).toHaveLength(1);
  });
});
