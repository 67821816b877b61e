import { describe, expect, it } from "vitest";

import { causeKey, effectiveStatus, groupAlerts, isOpen } from "./alert-causes";

const a = (
  id: string,
  client: string,
  cause: string | null,
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW",
  created: string,
) => ({ id, client_id: client, cause_key: cause, severity, created_at: `2026-12-0${created}T09:00:00.000Z` });

describe("cause keys", () => {
  it("gives a contact's alerts one cause, and every other alert its condition (or itself)", () => {
    expect(
      causeKey({ related_entity_type: "contact", related_entity_id: "sarah", dedup_key: "KEY_USER_INACTIVE:sarah" }),
    ).toBe("contact:sarah");
    expect(
      causeKey({ related_entity_type: "contact", related_entity_id: "sarah", dedup_key: "CHAMPION_RISK:sarah" }),
    ).toBe("contact:sarah");
    expect(causeKey({ related_entity_type: "client", related_entity_id: "c1", dedup_key: "HEALTH_DROP" })).toBe(
      "condition:HEALTH_DROP",
    );
    expect(causeKey({ related_entity_type: "contact", related_entity_id: null, dedup_key: null }, "al1")).toBe(
      "alert:al1",
    );
  });
});

describe("effective status", () => {
  const now = "2026-12-05T12:00:00.000Z";
  it("reads an ended snooze as new, a running one as snoozed, and leaves the others", () => {
    expect(effectiveStatus({ status: "SNOOZED", snoozed_until: "2026-12-05T11:59:59.000Z" }, now)).toBe("NEW");
    expect(effectiveStatus({ status: "SNOOZED", snoozed_until: now }, now)).toBe("NEW");
    expect(effectiveStatus({ status: "SNOOZED", snoozed_until: "2026-12-06T00:00:00.000Z" }, now)).toBe("SNOOZED");
    expect(effectiveStatus({ status: "SNOOZED", snoozed_until: null }, now)).toBe("NEW");
    expect(effectiveStatus({ status: "ACKNOWLEDGED", snoozed_until: null }, now)).toBe("ACKNOWLEDGED");
  });
  it("counts new and acknowledged as open, never snoozed, dismissed or resolved", () => {
    expect(isOpen({ status: "NEW", snoozed_until: null }, now)).toBe(true);
    expect(isOpen({ status: "ACKNOWLEDGED", snoozed_until: null }, now)).toBe(true);
    expect(isOpen({ status: "SNOOZED", snoozed_until: "2026-12-09T00:00:00.000Z" }, now)).toBe(false);
    expect(isOpen({ status: "DISMISSED", snoozed_until: null }, now)).toBe(false);
    expect(isOpen({ status: "RESOLVED", snoozed_until: null }, now)).toBe(false);
  });
});

describe("grouping into cards", () => {
  it("keeps clients in page order, merges one cause into one card led by its most severe alert, newest card first", () => {
    const groups = groupAlerts([
      a("inactive", "acme", "contact:sarah", "HIGH", "1"),
      a("drop", "acme", "condition:HEALTH_DROP", "MEDIUM", "3"),
      a("beta", "beta", null, "LOW", "4"),
      a("champion", "acme", "contact:sarah", "CRITICAL", "2"),
    ]);
    expect(groups.map((g) => g.client_id)).toEqual(["acme", "beta"]);
    const [drop, sarah] = groups[0]!.cards;
    expect(drop!.lead.id).toBe("drop");
    expect(sarah!.lead.id).toBe("champion");
    expect(sarah!.linked.map((x) => x.id)).toEqual(["inactive"]);
    expect(sarah!.newest).toBe("2026-12-02T09:00:00.000Z");
    expect(groups[1]!.cards[0]!.key).toBe("alert:beta");
  });

  it("breaks severity ties by the newest, and returns nothing for nothing", () => {
    const [g] = groupAlerts([a("old", "c", "x", "HIGH", "1"), a("new", "c", "x", "HIGH", "2")]);
    expect(g!.cards[0]!.lead.id).toBe("new");
    expect(groupAlerts([])).toEqual([]);
  });
});
