import { describe, expect, it } from "vitest";

import { anonymise, anonymousLabel, scorecard, teamAverage } from "./csm-scorecard";

const card = (id: string, name: string, me = false, extra = {}) =>
  scorecard(
    { id, name, is_me: me },
    { activity: { CALL: 2, QBR: 1, MEETING: 1, EMAIL: 3, INTERNAL_DISCUSSION: 1 }, ...extra },
  );

describe("scorecard", () => {
  it("computes NPS, retention and the activity mix", () => {
    const c = scorecard(
      { id: "u", name: "U", is_me: false },
      {
        activity: { CALL: 2, QBR: 1, MEETING: 1, EMAIL: 3, INTERNAL_DISCUSSION: 1 },
        nps: { responses: 10, promoters: 5, detractors: 2 },
        renewals: { renewals: 4, renewed: 3, arr_before: 400, arr_after: 330 },
        start: { avg_then: 70, avg_now: 72.46 },
      },
    );
    expect(c.nps.score).toBe(30);
    expect(c.retention).toEqual({ renewals: 4, renewed: 3, rate_pct: 75, net_arr_retention_pct: 83 });
    expect(c.activities).toEqual({ calls: 2, meetings: 1, qbrs: 1, emails: 3, other: 1, total: 8 });
    expect(c.health_change).toBe(2.5);
  });
  it("leaves unknowns null rather than zero", () => {
    const c = card("u", "U");
    expect(c.nps.score).toBeNull();
    expect(c.retention.rate_pct).toBeNull();
    expect(c.alerts.avg_response_hours).toBeNull();
    expect(teamAverage([c]).retention_rate_pct).toBeNull();
  });
});

describe("anonymise", () => {
  it("labels A…Z then AA", () => {
    expect([0, 25, 26, 27].map(anonymousLabel)).toEqual(["CSM A", "CSM Z", "CSM AA", "CSM AB"]);
  });
  it("keeps the viewer named and hides everyone else, in an order independent of names", () => {
    const cards = [card("u1", "Alice"), card("u2", "Bob", true), card("u3", "Carol")];
    const hash = (id: string) => ({ u1: 9, u3: 1 })[id] ?? 0;
    const out = anonymise(cards, hash);
    expect(out.map((c) => c.csm)).toEqual([
      { id: null, name: "CSM B", is_me: false },
      { id: "u2", name: "Bob", is_me: true },
      { id: null, name: "CSM A", is_me: false },
    ]);
  });
});
