import { describe, expect, it } from "vitest";

import { clientItems, matchScore, type PaletteItem, rankPalette } from "./palette";

const items: PaletteItem[] = [
  { id: "p:/", group: "Pages", label: "Portfolio", to: "/" },
  { id: "p:/alerts", group: "Pages", label: "Alerts", to: "/alerts", keywords: "notifications inbox" },
  { id: "a:risk", group: "Actions", label: "Show at-risk clients", to: "/?health_status=AT_RISK%2CCRITICAL" },
  ...clientItems({ id: "cli_1", name: "Acme Corporation", tier: "ENTERPRISE", score: 56 }),
  ...clientItems({ id: "cli_2", name: "Pacific Bank", tier: "STARTER", score: null }),
];

describe("the command palette", () => {
  it("ranks a prefix over a word start over a substring over a keyword", () => {
    expect(matchScore({ label: "Acme Corporation" }, "acm")).toBe(0);
    expect(matchScore({ label: "Acme Corporation" }, "corp")).toBe(1);
    expect(matchScore({ label: "Acme Corporation" }, "rpor")).toBe(2);
    expect(matchScore({ label: "Alerts", keywords: "notifications inbox" }, "inbox")).toBe(3);
    expect(matchScore({ label: "Log activity · Acme Corporation", keywords: "call" }, "call acme")).toBe(4);
    expect(matchScore({ label: "Alerts" }, "zzz")).toBeNull();
  });

  it("lists pages and actions for an empty query, never every client", () => {
    const r = rankPalette(items, "  ");
    expect(r.some((i) => i.group === "Clients")).toBe(false);
    expect(r.map((i) => i.id).slice(0, 3)).toEqual(["p:/", "p:/alerts", "a:risk"]);
  });

  it("puts the client first when its name starts with the query, then what to do with it", () => {
    const r = rankPalette(items, "acme");
    expect(r[0]).toMatchObject({
      group: "Clients",
      label: "Acme Corporation",
      hint: "Enterprise · health 56",
      to: "/clients/cli_1",
    });
    expect(r.map((i) => i.id)).toEqual(["client:cli_1", "log:cli_1", "email:cli_1", "contacts:cli_1"]);
    expect(rankPalette(items, "pacific")[0].hint).toBe("Starter");
    expect(rankPalette(items, "a", 3)).toHaveLength(3);
  });
});
