import { describe, expect, it } from "vitest";

import type { HealthConfigRow } from "./config";
import {
  formulaDiff,
  formulaOf,
  parseScopeKey,
  type PreviewClient,
  previewDraft,
  scopeKey,
  scopeOfRow,
  weightSum,
  weightSumProblem,
} from "./config-draft";

const W = { usage: 25, adoption: 20, support: 15, relationship: 15, contract: 15, outcome: 10 };
const T = { healthy: 80, monitor: 60, atRisk: 40 };

function row(id: string, over: Partial<HealthConfigRow> = {}): HealthConfigRow {
  return {
    id,
    version: 1,
    is_active: true,
    is_default: false,
    applies_to_tier: null,
    applies_to_segment: null,
    applies_to_client_id: null,
    usage_weight: 25,
    adoption_weight: 20,
    support_weight: 15,
    relationship_weight: 15,
    contract_weight: 15,
    outcome_weight: 10,
    healthy_threshold: 80,
    monitor_threshold: 60,
    at_risk_threshold: 40,
    created_at: "2026-01-01",
    ...over,
  };
}
const comps = (usage: number, rest: number) => ({
  usage,
  adoption: rest,
  support: rest,
  relationship: rest,
  contract: rest,
  outcome: rest,
});
function client(id: string, over: Partial<PreviewClient> = {}): PreviewClient {
  return {
    id,
    name: id,
    contract_tier: "ENTERPRISE",
    segment: null,
    arr: 1000,
    current_score: 70,
    current_status: "MONITOR",
    components: comps(70, 70),
    ...over,
  };
}

describe("the weight sum", () => {
  it("is enforced at exactly 100 and says how far off it is", () => {
    expect(weightSum(W)).toBe(100);
    expect(weightSumProblem(W)).toBeNull();
    expect(weightSumProblem({ ...W, usage: 20 })).toBe("Weights sum to 95%: add 5 points");
    expect(weightSumProblem({ ...W, usage: 40 })).toBe("Weights sum to 115%: remove 15 points");
    // A field left empty (NaN from the form) counts as nothing rather than poisoning the sum.
    expect(weightSum({ ...W, outcome: Number.NaN })).toBe(90);
  });
});

describe("scopes", () => {
  it("round-trip through their URL key and come from a row's columns", () => {
    for (const key of ["default", "tier:ENTERPRISE", "segment:Public Sector", "client:cli_1"])
      expect(scopeKey(parseScopeKey(key)!)).toBe(key);
    expect(parseScopeKey(null)).toEqual({ kind: "default" });
    expect(parseScopeKey("tier:GOLD")).toBeNull();
    expect(parseScopeKey("segment:")).toBeNull();
    expect(parseScopeKey("planet:mars")).toBeNull();
    expect(parseScopeKey("nonsense")).toBeNull();
    expect(scopeOfRow(row("a", { is_default: true }))).toEqual({ kind: "default" });
    expect(scopeOfRow(row("a", { applies_to_segment: "Regulated" }))).toEqual({
      kind: "segment",
      segment: "Regulated",
    });
    expect(scopeOfRow(row("a", { applies_to_client_id: "cli_9" }))).toEqual({ kind: "client", clientId: "cli_9" });
  });
});

describe("the diff between versions", () => {
  it("lists each changed weight and threshold with its old and new value, and nothing when equal", () => {
    const a = formulaOf(row("a"));
    expect(formulaDiff(a, a)).toEqual([]);
    const b = formulaOf(row("b", { usage_weight: 35, outcome_weight: 0, at_risk_threshold: 45 }));
    expect(formulaDiff(a, b)).toEqual([
      { field: "usage_weight", label: "Usage weight", from: 25, to: 35 },
      { field: "outcome_weight", label: "Outcome weight", from: 10, to: 0 },
      { field: "at_risk_threshold", label: "At risk from", from: 40, to: 45 },
    ]);
  });
});

describe("previewing a draft", () => {
  const configs = [
    row("def", { is_default: true }),
    row("ent", { applies_to_tier: "ENTERPRISE" }),
    row("reg", { applies_to_segment: "Regulated" }),
  ];
  const portfolio = [
    client("a", { components: comps(10, 70), current_score: 55, current_status: "AT_RISK", arr: 500 }),
    client("b", { contract_tier: "STARTER", components: comps(10, 70), current_score: 55, current_status: "AT_RISK" }),
    client("c", { segment: "Regulated", components: comps(10, 70), current_score: 55, current_status: "AT_RISK" }),
    client("d", { components: comps(100, 70), current_score: 78, current_status: "MONITOR", arr: 9000 }),
  ];
  const heavyUsage = {
    weights: { ...W, usage: 60, adoption: 10, support: 10, relationship: 10, contract: 5, outcome: 5 },
    thresholds: T,
  };

  it("changes only the clients the scope governs (a segment override beats the tier)", () => {
    const p = previewDraft(portfolio, configs, { kind: "tier", tier: "ENTERPRISE" }, heavyUsage);
    expect(p.governed).toBe(2); // a and d; b is Starter (default), c is in the Regulated segment
    expect(p.changes.map((c) => [c.client_id, c.current_status, c.draft_status, c.draft_score])).toEqual([
      ["a", "AT_RISK", "CRITICAL", 34],
      ["d", "MONITOR", "HEALTHY", 88],
    ]);
    expect(p.distribution.current).toEqual({ HEALTHY: 0, MONITOR: 1, AT_RISK: 3, CRITICAL: 0 });
    expect(p.distribution.simulated).toEqual({ HEALTHY: 1, MONITOR: 0, AT_RISK: 2, CRITICAL: 1 });
    expect(p.distribution.shift).toEqual({ HEALTHY: 1, MONITOR: -1, AT_RISK: -1, CRITICAL: 1 });
    expect(p.clients_changing_band).toBe(2);
  });

  it("lists a drop in band before a rise, and leaves everyone alone under the current formula", () => {
    const p = previewDraft(portfolio, configs, { kind: "default" }, heavyUsage);
    expect(p.governed).toBe(1);
    expect(p.changes.map((c) => c.client_id)).toEqual(["b"]);
    expect(
      previewDraft(portfolio, configs, { kind: "tier", tier: "ENTERPRISE" }, { weights: W, thresholds: T }).changes,
    ).toEqual([]);
  });

  it("previews a new scope as if it existed, and a client override for that client only", () => {
    expect(
      previewDraft(portfolio, configs, { kind: "tier", tier: "STARTER" }, heavyUsage).changes.map((c) => c.client_id),
    ).toEqual(["b"]);
    expect(
      previewDraft(portfolio, configs, { kind: "client", clientId: "c" }, heavyUsage).changes.map((c) => c.client_id),
    ).toEqual(["c"]);
    expect(previewDraft(portfolio, [], { kind: "default" }, heavyUsage).governed).toBe(4);
  });
});
