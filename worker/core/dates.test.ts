import { describe, expect, it } from "vitest";

import { addDays, contractYear, daysBetween, isCalendarDate } from "./dates";

describe("calendar helpers", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("counts whole days between dates and instants", () => {
    expect(daysBetween("2026-11-24", "2027-02-22")).toBe(90);
    expect(daysBetween("2026-11-24", "2026-11-20")).toBe(-4);
    expect(daysBetween("2026-11-24T23:59:00Z", "2026-11-25T00:01:00Z")).toBe(1);
  });

  it("accepts only real calendar dates", () => {
    expect(isCalendarDate("2026-02-28")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-2-1")).toBe(false);
    expect(isCalendarDate("tomorrow")).toBe(false);
  });

  it("numbers contract years from 1", () => {
    expect(contractYear("2026-11-24", "2026-11-24")).toBe(1);
    expect(contractYear("2024-02-23", "2026-11-24")).toBe(3);
    expect(contractYear("2027-01-01", "2026-11-24")).toBe(1);
  });
});
