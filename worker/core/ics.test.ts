import { describe, expect, it } from "vitest";

import { calendarFile, escapeIcsText, foldIcsLine } from "./ics";

describe("iCalendar file", () => {
  it("escapes text per RFC 5545", () => {
    expect(escapeIcsText("a;b,c\\d\nnext")).toBe("a\\;b\\,c\\\\d\\nnext");
  });

  it("folds long lines at 75 octets without splitting characters", () => {
    const line = `SUMMARY:${"é".repeat(60)}`;
    const folded = foldIcsLine(line);
    for (const part of folded.split("\r\n")) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldIcsLine("SHORT:x")).toBe("SHORT:x");
  });

  it("writes one event in UTC with its duration", () => {
    const ics = calendarFile({
      uid: "act-1@ethico",
      start: new Date("2026-12-01T15:30:00Z"),
      minutes: 30,
      summary: "Call with Sarah, CCO",
      description: "Renewal; usage",
      stamp: new Date("2026-11-24T10:00:00Z"),
    });
    expect(ics).toContain("DTSTART:20261201T153000Z\r\nDTEND:20261201T160000Z");
    expect(ics).toContain("SUMMARY:Call with Sarah\\, CCO");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});
