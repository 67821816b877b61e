import { describe, expect, it } from "vitest";

import {
  type BenchmarkSubject,
  compareToCohort,
  featuresTheyUse,
  inCohort,
  lookAlikes,
  percentileRank,
  sizeBand,
  tenureBand,
  timeToValueDays,
} from "./benchmark";

const today = "2026-11-24";
const client = (id: string, o: Partial<BenchmarkSubject> = {}): BenchmarkSubject => ({
  id,
  contract_tier: "ENTERPRISE",
  industry: "Manufacturing",
  employee_count: 5000,
  region: "IL",
  contract_start_date: "2024-01-10",
  go_live_date: "2024-03-10",
  health: 70,
  usage: 70,
  adoption: 70,
  support: 70,
  relationship: 70,
  ...o,
});

describe("percentileRank", () => {
  it("counts those doing worse, ties as half", () => {
    expect(percentileRank(50, [10, 20, 50, 80])).toBe(63); // 2 worse + 0.5 tie of 4
    expect(percentileRank(10, [10, 20, 30])).toBe(17);
    expect(percentileRank(99, [10, 20])).toBe(100);
    expect(percentileRank(5, [])).toBe(50);
  });
  it("reverses for lower-is-better metrics", () => {
    expect(percentileRank(30, [30, 60, 90], false)).toBe(83);
  });
});

describe("bands and cohorts", () => {
  it("puts sizes and tenures in bands at their edges", () => {
    expect([999, 1000, 4999, 5000, 19999, 20000].map(sizeBand)).toEqual([
      "Under 1,000 employees",
      "1,000–4,999 employees",
      "1,000–4,999 employees",
      "5,000–19,999 employees",
      "5,000–19,999 employees",
      "20,000+ employees",
    ]);
    expect(sizeBand(null)).toBeNull();
    expect(tenureBand("2026-01-01", today)).toBe("Under 1 year");
    expect(tenureBand("2025-06-01", today)).toBe("1–2 years");
    expect(tenureBand("2022-11-01", today)).toBe("4+ years");
  });
  it("matches every criterion, and never on an unknown value", () => {
    const a = client("a");
    expect(inCohort(a, client("b", { industry: "Retail" }), ["tier"], today)).toBe(true);
    expect(inCohort(a, client("b", { industry: "Retail" }), ["tier", "industry"], today)).toBe(false);
    expect(inCohort(a, client("b", { employee_count: 6000 }), ["size"], today)).toBe(true);
    expect(inCohort(client("x", { region: null }), client("y", { region: null }), ["region"], today)).toBe(false);
  });
});

describe("compareToCohort", () => {
  it("reports average, best in class, percentile and gap, and flags real shortfalls", () => {
    const cohort = [
      client("s", { usage: 30, health: 58 }),
      client("b", { usage: 90, health: 80 }),
      client("c", { usage: 80, health: 60 }),
    ];
    const m = Object.fromEntries(compareToCohort(cohort[0], cohort).map((x) => [x.metric, x]));
    expect(m.usage).toMatchObject({
      value: 30,
      cohort_average: 67,
      cohort_median: 80,
      gap: 37,
      behind: true,
      percentile: 17,
    });
    expect(m.usage.best_in_class).toBe(88);
    expect(m.health).toMatchObject({ gap: 8, behind: true });
    expect(m.adoption).toMatchObject({ gap: 0, behind: false });
  });
  it("treats a slower go-live as behind, and missing values as N/A", () => {
    const s = client("s", { go_live_date: "2024-06-10", support: null });
    const cohort = [s, client("b"), client("c")];
    const m = Object.fromEntries(compareToCohort(s, cohort).map((x) => [x.metric, x]));
    expect(timeToValueDays(s)).toBe(152);
    expect(m.time_to_value.behind).toBe(true);
    expect(m.support).toMatchObject({ value: null, percentile: null, gap: null, behind: false });
  });
});

describe("look-alikes", () => {
  it("picks healthy clients most like the subject, never the subject", () => {
    const s = client("s", { health: 50 });
    const near = client("near", { health: 82, employee_count: 5200 });
    const far = client("far", { health: 95, employee_count: 200000, industry: "Retail" });
    const sick = client("sick", { health: 60 });
    expect(lookAlikes(s, [s, far, sick, near], today, 2).map((c) => c.id)).toEqual(["near", "far"]);
  });
  it("lists features the look-alike uses actively and the subject does not", () => {
    expect(
      featuresTheyUse(
        { a: "POWER_USE", b: "LIGHT_USE" },
        { a: "ACTIVE_USE", b: "POWER_USE", c: "ACTIVE_USE", d: "NOT_USED" },
      ),
    ).toEqual(["b", "c"]);
  });
});
