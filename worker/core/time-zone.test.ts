import { describe, expect, it } from "vitest";

import { isTimeZone, localDate, localDateTime, offsetMinutes, zonedToUtc, zoneOr } from "./time-zone";

describe("time zones", () => {
  it("accepts IANA names only", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("America/Los_Angeles")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("'; DROP")).toBe(false);
    expect(isTimeZone(null)).toBe(false);
    expect(zoneOr("nope")).toBe("UTC");
  });

  it("shows an instant on the user's calendar and clock", () => {
    // 23:30 UTC on the 5th is already the 6th in Tokyo and still the 5th in Los Angeles.
    expect(localDate("2026-12-05T23:30:00Z", "Asia/Tokyo")).toBe("2026-12-06");
    expect(localDate("2026-12-05T23:30:00Z", "America/Los_Angeles")).toBe("2026-12-05");
    expect(localDateTime("2026-12-05T23:30:00Z", "Europe/Paris")).toBe("2026-12-06T00:30");
    expect(offsetMinutes(Date.parse("2026-07-01T12:00:00Z"), "America/New_York")).toBe(-240);
  });

  it("reads a wall-clock time back as UTC, across clock changes", () => {
    expect(zonedToUtc("2026-12-05T09:00", "Europe/Paris")).toBe("2026-12-05T08:00:00.000Z");
    expect(zonedToUtc("2026-07-05T09:00", "Europe/Paris")).toBe("2026-07-05T07:00:00.000Z");
    expect(zonedToUtc("2026-12-08", "America/New_York")).toBe("2026-12-08T05:00:00.000Z");
    expect(zonedToUtc("2026-12-05T09:00", "UTC")).toBe("2026-12-05T09:00:00.000Z");
    // 02:30 does not exist in Paris on 29 March 2026 (clocks jump from 02:00 to 03:00).
    expect(zonedToUtc("2026-03-29T02:30", "Europe/Paris")).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 happens twice on 25 October 2026: the earlier one (summer time).
    expect(zonedToUtc("2026-10-25T02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedToUtc("2026-02-30T09:00", "UTC")).toBeNull();
    expect(zonedToUtc("2026-12-05T24:00", "UTC")).toBeNull();
    expect(zonedToUtc("yesterday", "UTC")).toBeNull();
  });
});
