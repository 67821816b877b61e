import { describe, expect, it } from "vitest";

import { bucketOf, bucketTasks, weekEnd } from "./task-buckets";

describe("task buckets", () => {
  it("ends the week on Sunday, and on a Sunday the week is that day", () => {
    expect(weekEnd("2026-12-05")).toBe("2026-12-06"); // Saturday
    expect(weekEnd("2026-12-07")).toBe("2026-12-13"); // Monday
    expect(weekEnd("2026-12-06")).toBe("2026-12-06"); // Sunday
    expect(weekEnd("2026-12-31")).toBe("2027-01-03"); // across the year
  });

  it("puts each due date in one bucket", () => {
    const today = "2026-12-09"; // Wednesday
    expect(bucketOf("2026-12-08", today)).toBe("overdue");
    expect(bucketOf("2025-01-01", today)).toBe("overdue");
    expect(bucketOf("2026-12-09", today)).toBe("today");
    expect(bucketOf("2026-12-10", today)).toBe("this_week");
    expect(bucketOf("2026-12-13", today)).toBe("this_week");
    expect(bucketOf("2026-12-14", today)).toBe("later");
    expect(bucketOf("2026-12-07", "2026-12-06")).toBe("later"); // Monday after a Sunday
  });

  it("sorts each bucket by due date, keeping the caller's order on a tie", () => {
    const b = bucketTasks(
      [
        { id: "b", due_date: "2026-12-01" },
        { id: "c", due_date: "2026-12-20" },
        { id: "a", due_date: "2026-11-30" },
        { id: "d", due_date: "2026-12-01" },
        { id: "e", due_date: "2026-12-09" },
      ],
      "2026-12-09",
    );
    expect(b.overdue.map((t) => t.id)).toEqual(["a", "b", "d"]);
    expect(b.today.map((t) => t.id)).toEqual(["e"]);
    expect(b.this_week).toEqual([]);
    expect(b.later.map((t) => t.id)).toEqual(["c"]);
  });
});
