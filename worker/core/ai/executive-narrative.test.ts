import { describe, expect, it } from "vitest";

import { churnForecast } from "./churn-forecast";
import { type ExecutiveFacts, localExecutiveNarrative, pickMovers } from "./executive-narrative";

const facts = (over: Partial<ExecutiveFacts> = {}): ExecutiveFacts => ({
  scope: "the portfolio",
  period: { from: "2026-11-05", to: "2026-12-05" },
  avg_health: { now: 71, then: 74 },
  at_risk: { now: 6, then: 4 },
  arr_at_risk: 640_000,
  decliners: [
    {
      id: "beta",
      name: "Beta Industries",
      from: 80,
      to: 64,
      change: -16,
      arr: 85_000,
      status: "MONITOR",
      driver: "Stopped using Case Management",
    },
    {
      id: "orion",
      name: "Orion Health",
      from: 70,
      to: 55,
      change: -15,
      arr: 200_000,
      status: "AT_RISK",
      driver: "DAU down 40%",
    },
  ],
  improvers: [
    { id: "d", name: "Delta Co", from: 60, to: 70, change: 10, arr: 40_000, status: "MONITOR", driver: null },
  ],
  newly_at_risk: ["Orion Health"],
  forecast: churnForecast([
    { id: "orion", name: "Orion Health", p: 0.4, arr: 200_000 },
    { id: "x", name: "X Corp", p: 0.1, arr: 50_000 },
  ]),
  ...over,
});

describe("executive narrative (local)", () => {
  it("names the change, the clients and drivers behind it, and the forecast with its range", () => {
    const t = localExecutiveNarrative(facts());
    expect(t).toContain(
      "Since 2026-11-05, average health for the portfolio fell 3 points to 71, with 6 clients at risk or critical (4 a month ago) carrying $640K of ARR.",
    );
    expect(t).toContain(
      "The drop is concentrated in Beta Industries (80 → 64; Stopped using Case Management), Orion Health (70 → 55; DAU down 40%).",
    );
    expect(t).toContain("Newly below 60: Orion Health.");
    expect(t).toContain("Offsetting gains: Delta Co (60 → 70).");
    expect(t).toContain(
      "Next quarter the churn model expects 0.5 of 2 renewing clients to churn (90% range 0–1), about $85K of $250K renewing ARR, most of it in Orion Health (40%), X Corp (10%).",
    );
  });
  it("says so when nothing moved or nothing renews", () => {
    const t = localExecutiveNarrative(
      facts({ decliners: [], improvers: [], newly_at_risk: [], forecast: churnForecast([]) }),
    );
    expect(t).toContain("No client moved by 5 points or more.");
    expect(t).toContain("No scored renewals fall in the next quarter");
  });
  it("picks the few biggest moves each way, ignoring small ones", () => {
    const m = pickMovers([
      { change: -2 },
      { change: -12 },
      { change: -7 },
      { change: 9 },
      { change: -30 },
      { change: -5 },
      { change: 4 },
    ]);
    expect(m.decliners.map((x) => x.change)).toEqual([-30, -12, -7]);
    expect(m.improvers.map((x) => x.change)).toEqual([9]);
  });
});
