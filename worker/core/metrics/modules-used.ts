import type { AdoptionStatus, Module } from "#worker/core/enums";

// THE "modules used" (issue 17): the Usage tab's feature breadth, the Adoption tab and the AI
// all count the same thing. A licensed module is in use when at least one of its licensed
// features is configured and was used in the last 30 days (adoption Light, Active or Power
// use). Raw activity in a module whose features are not configured (a user opening Policy
// Management before it is set up) is not use: the Adoption tab would say "not configured".

const IN_USE: ReadonlySet<AdoptionStatus> = new Set(["LIGHT_USE", "ACTIVE_USE", "POWER_USE"]);

export interface AdoptionRowLike {
  module: string;
  is_licensed: boolean | number;
  adoption_status: string;
}

export interface ModulesUsed {
  used: number;
  licensed: number;
  /** Licensed modules with no feature in use, in catalog order of the rows given. */
  unused: string[];
  ratio: number | null;
}

export function modulesUsed(rows: AdoptionRowLike[]): ModulesUsed {
  const licensed: string[] = [];
  const used = new Set<string>();
  for (const r of rows) {
    if (!r.is_licensed) continue;
    if (!licensed.includes(r.module)) licensed.push(r.module);
    if (IN_USE.has(r.adoption_status as AdoptionStatus)) used.add(r.module);
  }
  return {
    used: used.size,
    licensed: licensed.length,
    unused: licensed.filter((m) => !used.has(m)),
    ratio: licensed.length ? Math.round((10 * used.size) / licensed.length) / 10 : null,
  };
}

export type { Module };
