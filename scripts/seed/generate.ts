import { addDays } from "#worker/core/dates";
import { DEFAULT_WEIGHTS } from "#worker/core/health/score";

import { endOfDay, seedClock } from "./clock";
import { makePeople } from "./people";
import { applyStory, makeProfile } from "./profile";
import { Rng } from "./random";
import { clientRows, DEFAULT_CONFIG_ID, type TableRows } from "./rows";
import { type Calendar, simulateClient } from "./simulate";
import { buildStaffing } from "./staff";

export interface SeedOptions {
  /** Active clients at the as-of date; churned former clients come on top. */
  clients: number;
  days: number;
  seed: string;
  asOf: string;
  /** Per-user daily activity is kept for this many most recent days (rollups cover all days). */
  userDays: number;
  /**
   * The moment the data is read from (ISO): nothing seeded is stamped after it. Seeding as of
   * today passes the current time; the default, the end of the as-of day, suits a past date.
   */
  now?: string;
}

export type SeedChunk =
  { kind: "staff"; rows: TableRows } | { kind: "client"; rows: TableRows; active: boolean; activeSoFar: number };

export function calendar(asOf: string, days: number): Calendar {
  const dates = Array.from({ length: days }, (_, i) => addDays(asOf, i - (days - 1)));
  return {
    dates,
    dow: dates.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()),
    monthDay: dates.map((d) => d.slice(5)),
  };
}

/** The whole demo world, one chunk at a time, so 10,000 clients never sit in memory at once. */
export function* generatePortfolio(o: SeedOptions): Generator<SeedChunk> {
  const root = new Rng(`csd:${o.seed}`);
  const staffing = buildStaffing(root.fork("staff"), o.clients);
  const at = seedClock(o.asOf, o.now ?? endOfDay(o.asOf));
  const createdAt = at(o.asOf, 6);
  yield {
    kind: "staff",
    rows: {
      ethico_users: staffing.staff.map(({ diligence: _d, ...s }) => ({
        ...s,
        is_active: s.is_active ? 1 : 0,
        created_at: createdAt,
        updated_at: createdAt,
      })),
      health_score_configs: [
        {
          id: DEFAULT_CONFIG_ID,
          name: "Default",
          description: "PRD F3 default weights",
          applies_to_tier: null,
          applies_to_segment: null,
          usage_weight: DEFAULT_WEIGHTS.usage,
          adoption_weight: DEFAULT_WEIGHTS.adoption,
          support_weight: DEFAULT_WEIGHTS.support,
          relationship_weight: DEFAULT_WEIGHTS.relationship,
          contract_weight: DEFAULT_WEIGHTS.contract,
          outcome_weight: DEFAULT_WEIGHTS.outcome,
          healthy_threshold: 80,
          monitor_threshold: 60,
          at_risk_threshold: 40,
          is_active: 1,
          is_default: 1,
          version: 1,
          previous_version_id: null,
          created_at: createdAt,
          updated_at: createdAt,
          created_by_id: "usr_vp_cs",
        },
      ],
    },
  };
  const diligence = new Map(staffing.staff.map((s) => [s.id, s.diligence]));
  const cal = calendar(o.asOf, o.days);
  const usedNames = new Set<string>(["Acme Corporation", "Beta Industries"]);
  let active = 0;
  for (let candidate = 0; active < o.clients; candidate++) {
    const rng = root.fork(`client:${candidate}`);
    const csmId = staffing.csmSlots[active];
    const aeId = staffing.aeSlots[active];
    let profile = makeProfile(rng, {
      days: o.days,
      asOf: o.asOf,
      csmId,
      aeId,
      csmDiligence: diligence.get(csmId) ?? 0.6,
      usedNames,
    });
    if (candidate === 0) profile = applyStory(profile, "acme", o.days, o.asOf);
    if (candidate === 1) profile = applyStory(profile, "beta", o.days, o.asOf);
    const { users, contacts } = makePeople(rng.fork("people"), profile, o.days);
    const sim = simulateClient(rng.fork("sim"), profile, users, contacts, cal, o.days - o.userDays);
    const isActive = sim.churnDay === null;
    if (isActive) active++;
    yield {
      kind: "client",
      rows: clientRows(profile, users, contacts, sim, cal, createdAt, o.userDays, at),
      active: isActive,
      activeSoFar: active,
    };
  }
}
