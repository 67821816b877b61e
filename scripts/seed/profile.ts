import { addDays } from "#worker/core/dates";
import type { ContractTier, Module } from "#worker/core/enums";

import { INDUSTRIES, MODULE_ORDER, NAME_SECTORS, NAME_STEMS, REGIONS, TIER_PROFILE } from "./catalog";
import type { Rng } from "./random";

// Who a client is and what will happen to it: the latent story the simulation then plays out.

export interface Episode {
  start: number; // day index
  length: number;
  depth: number;
}

export interface ClientProfile {
  id: string;
  orgId: string;
  name: string;
  industry: string;
  tier: ContractTier;
  region: string;
  city: string;
  employees: number;
  arr: number;
  modules: Module[];
  userCount: number;
  licensedUsers: number;
  contractStart: string;
  goLive: string;
  csmId: string;
  aeId: string;
  csmDiligence: number;
  /** Latent engagement the client drifts around (0–1). */
  baseEngagement: number;
  decline: Episode | null;
  recovers: boolean;
  supportTrouble: Episode | null;
  neglect: Episode | null;
  abandonModule: { module: Module; from: number } | null;
  paymentTrouble: Episode | null;
  /** Shifts survey answers (the PRD's Acme answered a passive 6). */
  npsBias: number;
  tags: string[];
  segment: string | null;
  story: "acme" | "beta" | null;
}

const TAGS = [
  "strategic",
  "reference-account",
  "expansion-target",
  "multi-entity",
  "global",
  "new-logo",
  "exec-sponsor-change",
  "budget-review",
];

export function makeProfile(
  rng: Rng,
  opts: { days: number; asOf: string; csmId: string; aeId: string; csmDiligence: number; usedNames: Set<string> },
): ClientProfile {
  const { days, asOf } = opts;
  const tier = rng.weighted(Object.entries(TIER_PROFILE).map(([t, p]) => [t as ContractTier, p.weight] as const));
  const tp = TIER_PROFILE[tier];
  const industry = rng.weighted(INDUSTRIES);
  const place = rng.pick(REGIONS);
  let name = `${rng.pick(NAME_STEMS)} ${rng.pick(NAME_SECTORS[industry])}`;
  for (let n = 2; opts.usedNames.has(name); n++) name = `${name.replace(/ \d+$/, "")} ${n}`;
  opts.usedNames.add(name);
  const moduleCount = Math.min(MODULE_ORDER.length, Math.max(1, tp.modules + rng.int(-1, 1)));
  const userCount = rng.int(tp.users[0], tp.users[1]);
  const tenureDays = rng.int(45, 2600);
  const contractStart = addDays(asOf, -tenureDays);
  const ep = (p: number, minLen: number, maxLen: number, depth: [number, number]): Episode | null =>
    rng.chance(p)
      ? { start: rng.int(0, days - 20), length: rng.int(minLen, maxLen), depth: rng.float(depth[0], depth[1]) }
      : null;
  const abandon = rng.chance(0.12) && moduleCount > 1;
  return {
    id: rng.id("cli"),
    orgId: rng.id("org"),
    name,
    industry,
    tier,
    region: place.region,
    city: rng.pick(place.cities),
    employees: Math.round(rng.int(tp.employees[0], tp.employees[1]) / 50) * 50,
    arr: Math.round(rng.int(tp.arr[0], tp.arr[1]) / 1000) * 1000,
    modules: MODULE_ORDER.slice(0, moduleCount),
    userCount,
    licensedUsers: Math.ceil((userCount * rng.float(1.1, 2.2)) / 5) * 5,
    contractStart,
    goLive: addDays(contractStart, rng.int(30, 120)),
    csmId: opts.csmId,
    aeId: opts.aeId,
    csmDiligence: opts.csmDiligence,
    baseEngagement: Math.min(0.95, Math.max(0.15, rng.normal(0.62, 0.16))),
    decline: ep(0.3, 30, 160, [0.25, 0.6]),
    recovers: rng.chance(0.35),
    supportTrouble: ep(0.22, 20, 90, [2, 4]),
    neglect: ep(0.25, 40, 150, [0.7, 0.95]),
    abandonModule: abandon ? { module: MODULE_ORDER[rng.int(0, moduleCount - 1)], from: rng.int(0, days - 10) } : null,
    paymentTrouble: ep(0.08, 20, 75, [1, 1]),
    npsBias: 0,
    tags: TAGS.filter(() => rng.chance(0.12)),
    segment: rng.chance(0.5) ? rng.pick(["Mid-Market", "Enterprise", "Public Sector", "Regulated"]) : null,
    story: null,
  };
}

/** The PRD's story clients, on top of a generated profile so every other field stays realistic. */
export function applyStory(p: ClientProfile, story: "acme" | "beta", days: number, asOf: string): ClientProfile {
  const today = days - 1;
  if (story === "acme") {
    return {
      ...p,
      story,
      name: "Acme Corporation",
      tier: "ENTERPRISE",
      industry: "Manufacturing",
      employees: 5000,
      region: "IL",
      city: "Chicago",
      arr: 120_000,
      userCount: 60,
      licensedUsers: 75,
      modules: ["CASE_MANAGEMENT", "POLICY_MANAGEMENT", "DISCLOSURES", "ANALYTICS", "CHATBOT"],
      // Renewal about 90 days out, third contract year.
      contractStart: addDays(asOf, 90 - 3 * 365),
      goLive: addDays(asOf, 90 - 3 * 365 + 60),
      baseEngagement: 0.64,
      decline: { start: today - 30, length: 31, depth: 0.72 },
      recovers: false,
      supportTrouble: { start: today - 70, length: 71, depth: 1.6 },
      neglect: { start: today - 150, length: 151, depth: 0.97 },
      abandonModule: null,
      paymentTrouble: null,
      npsBias: -3,
      tags: ["strategic", "reference-account"],
      segment: "Enterprise",
    };
  }
  return {
    ...p,
    story,
    name: "Beta Industries",
    tier: "ENTERPRISE",
    industry: "Manufacturing",
    employees: 2200,
    region: "OH",
    city: "Columbus",
    arr: 85_000,
    userCount: 24,
    licensedUsers: 30,
    modules: ["CASE_MANAGEMENT", "POLICY_MANAGEMENT", "DISCLOSURES", "ANALYTICS"],
    contractStart: addDays(asOf, 180 - 2 * 365),
    goLive: addDays(asOf, 180 - 2 * 365 + 45),
    baseEngagement: 0.7,
    decline: { start: today - 40, length: 41, depth: 0.15 },
    recovers: false,
    supportTrouble: { start: today - 30, length: 31, depth: 4.5 },
    neglect: null,
    npsBias: 0,
    abandonModule: { module: "CASE_MANAGEMENT", from: today - 35 },
    paymentTrouble: null,
    tags: ["expansion-target"],
    segment: "Enterprise",
  };
}

export function inEpisode(e: Episode | null, day: number): boolean {
  return e !== null && day >= e.start && day < e.start + e.length;
}
