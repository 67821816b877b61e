import { describe, expect, it } from "vitest";

import { batchProblem, checkEvent, EVENT_TYPES } from "./platform-events";

const now = new Date("2026-11-24T12:00:00Z");
const base = { event_id: "e-1", client_id: "cli_1", occurred_at: "2026-11-24T09:00:00Z" };
const reason = (e: unknown) => {
  const r = checkEvent(e, now);
  return r.ok ? null : r.reason;
};

describe("platform event contract", () => {
  it("accepts each type with its fields and normalises the instant to UTC", () => {
    const ok = [
      { ...base, type: "login", user_id: "u1" },
      { ...base, type: "action", user_id: "u1", module: "ANALYTICS", feature: "report_exports" },
      { ...base, type: "session_end", user_id: "u1", duration_seconds: 0 },
      { ...base, type: "support_ticket_opened", ticket_id: "T1", severity: "HIGH" },
      { ...base, type: "support_ticket_closed", ticket_id: "T1" },
      { ...base, type: "nps_response", score: 0 },
      { ...base, type: "csat_response", score: 5 },
      { ...base, type: "payment_status", status: "LATE" },
      { ...base, organization_id: "org_1", client_id: undefined, type: "api_call" },
    ];
    for (const e of ok) expect(reason(e)).toBeNull();
    const r = checkEvent({ ...base, occurred_at: "2026-11-24T10:00:00+01:00", type: "report_run" }, now);
    expect(r.ok && r.event.occurred_at).toBe("2026-11-24T09:00:00.000Z");
    expect(EVENT_TYPES).toHaveLength(15);
  });

  it.each([
    [{ ...base, type: "login" }, "user_id is required for this event type"],
    [{ ...base, type: "login", user_id: "u1", colour: "red" }, "colour is not a field of this event type"],
    [{ ...base, type: "teleport" }, "type must be one of"],
    [{ ...base, type: "nps_response", score: 11 }, "score must be at most 10"],
    [{ ...base, type: "csat_response", score: 0 }, "score must be at least 1"],
    [{ ...base, type: "session_end", user_id: "u1", duration_seconds: 1.5 }, "whole number"],
    [{ ...base, type: "action", user_id: "u1", module: "GOLF" }, "module must be one of"],
    [{ ...base, type: "support_ticket_opened", ticket_id: "T1", severity: "meh" }, "severity must be one of"],
    [{ ...base, type: "login", user_id: "u1", occurred_at: "2026-11-24" }, "ISO 8601 instant with a time zone"],
    [{ ...base, type: "login", user_id: "u1", occurred_at: "2026-02-30T10:00:00Z" }, "not a real date"],
    [{ ...base, type: "login", user_id: "u1", occurred_at: "2026-11-24T12:06:00Z" }, "in the future"],
    [{ ...base, type: "login", user_id: "u1", occurred_at: "2025-01-01T00:00:00Z" }, "more than 400 days ago"],
    [{ ...base, client_id: undefined, type: "api_call" }, "client_id or organization_id is required"],
    [{ ...base, event_id: "x".repeat(129), type: "api_call" }, "event_id is too long"],
    [{ ...base, event_id: "a b", type: "api_call" }, "event_id has characters"],
    ["not an object", "type must be one of"],
  ])("rejects %j: %s", (event, expected) => {
    expect(reason(event)).toContain(expected);
  });

  it("tells a batch from anything else", () => {
    expect(batchProblem({ events: [{}] })).toBeNull();
    expect(batchProblem([])).toContain("must be an object");
    expect(batchProblem(null)).toContain("must be an object");
    expect(batchProblem({ events: {} })).toBe("events must be an array");
    expect(batchProblem({ events: [] })).toBe("events must not be empty");
    expect(batchProblem({ events: new Array(1001).fill({}) })).toBe("at most 1000 events per batch");
    expect(batchProblem({ events: [{}], extra: 1 })).toBe("unknown field extra");
  });
});
