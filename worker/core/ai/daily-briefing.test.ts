import { describe, expect, it } from "vitest";

import { attentionReasons, type BriefingClient, buildBriefing, needsAttention } from "./daily-briefing";

const acme: BriefingClient = {
  client_id: "acme",
  name: "Acme <Corp>",
  arr: 120_000,
  health_score: 58,
  health_status: "AT_RISK",
  health_change: -14,
  churn_risk: 45,
  days_to_renewal: 60,
  last_contact_days: 45,
  risk_factors: [
    { factor: "usage_decline", impact: "high", detail: "DAU down 40% vs the previous 30 days; active share 20%" },
  ],
};
const healthy: BriefingClient = {
  ...acme,
  client_id: "delta",
  name: "Delta",
  health_score: 92,
  health_status: "HEALTHY",
  health_change: 5,
  churn_risk: 3,
  last_contact_days: 10,
  risk_factors: [],
};

describe("daily briefing", () => {
  it("says why in figures, and skips clients that are fine", () => {
    expect(attentionReasons(acme)).toEqual([
      "Health 58 (at risk)",
      "Health down 14 points in 30 days",
      "Churn risk 45%",
      "Renewal in 60 days",
      "No CSM contact for 45 days",
      "DAU down 40% vs the previous 30 days",
    ]);
    expect(attentionReasons(healthy)).toEqual([]);
    // A healthy client nobody has called in two months still makes the list.
    expect(attentionReasons({ ...healthy, last_contact_days: 65 })).toEqual(["No CSM contact for 65 days"]);
  });

  it("keeps the given priority order, picks the first playbook action, and lays it out as an email", () => {
    const b = buildBriefing({
      date: "2026-11-24",
      csm: "Jane Smith",
      clients: [acme, healthy],
      followUps: [{ client_id: "acme", name: "Acme <Corp>", subject: "Send QBR deck", due: "2026-11-20" }],
      limit: 5,
      appUrl: "https://csd.example",
    });
    expect(b.items.map((i) => i.client_id)).toEqual(["acme"]);
    // The playbook puts the soonest high-priority action first: 45 days without contact beats the usage review.
    expect(b.items[0].action).toMatchObject({
      factor: "relationship_gap",
      priority: "high",
      action: "Schedule a check-in call this week",
    });
    expect(b.headline).toBe("1 client needs attention today, and 1 follow-up is due (1 overdue).");
    expect(b.email.subject).toBe("Your client briefing for 2026-11-24: 1 to act on");
    expect(b.email.text).toContain("1. Acme <Corp>: Health 58 (at risk);");
    expect(b.email.text).toContain("https://csd.example/clients/acme");
    expect(b.email.html).toContain("Acme &#60;Corp&#62;");
    expect(b.email.html).not.toContain("<Corp>");
  });

  it("counts every client that needs attention, however many it lists (portfolio and briefing agree)", () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ ...acme, client_id: `c${i}`, name: `Client ${i}` }));
    const short = buildBriefing({
      date: "2026-11-24",
      csm: "Jane Smith",
      clients: [...many, healthy],
      followUps: [],
      limit: 5,
      appUrl: "",
    });
    const long = buildBriefing({
      date: "2026-11-24",
      csm: "Jane Smith",
      clients: [...many, healthy],
      followUps: [],
      limit: 20,
      appUrl: "",
    });
    expect([short.needs_attention, long.needs_attention]).toEqual([9, 9]);
    expect([short.items.length, long.items.length]).toEqual([5, 9]);
    expect(short.headline).toBe("9 clients need attention today (the 5 most urgent below).");
    expect(long.headline).toBe("9 clients need attention today.");
    expect(short.email.subject).toBe(long.email.subject);
    // Candidates may be only the portfolio's top slice: the whole count is passed in and quoted.
    const slice = buildBriefing({
      date: "2026-11-24",
      csm: "Jane Smith",
      clients: many.slice(0, 3),
      needsAttentionTotal: 40,
      followUps: [],
      limit: 5,
      appUrl: "",
    });
    expect(slice).toMatchObject({
      needs_attention: 40,
      headline: "40 clients need attention today (the 3 most urgent below).",
    });
    expect(needsAttention(acme)).toBe(true);
    expect(needsAttention(healthy)).toBe(false);
    expect(needsAttention({ ...healthy, last_contact_days: 60 })).toBe(true);
    expect(needsAttention({ ...healthy, last_contact_days: 59 })).toBe(false);
  });

  it("says all clear when nothing needs doing", () => {
    const b = buildBriefing({
      date: "2026-11-24",
      csm: "Jane Smith",
      clients: [healthy],
      followUps: [],
      limit: 5,
      appUrl: "",
    });
    expect(b).toMatchObject({
      headline: "No client needs attention today.",
      items: [],
      email: { subject: "Your client briefing for 2026-11-24: all clear" },
    });
  });
});
