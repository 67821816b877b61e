import type { EthicoRole } from "#worker/core/enums";

import { FIRST_NAMES, LAST_NAMES } from "./catalog";
import type { Rng } from "./random";

export interface StaffMember {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: EthicoRole;
  is_active: boolean;
  /** How reliably this person keeps in touch with clients (CSMs only), 0–1. */
  diligence: number;
}

// The fixed local identities the README and the tests rely on.
const FIXED: Omit<StaffMember, "diligence">[] = [
  {
    id: "usr_vp_cs",
    email: "vp-cs@ethico.test",
    first_name: "Victoria",
    last_name: "Castillo",
    role: "VP_CLIENT_SUCCESS",
    is_active: true,
  },
  {
    id: "usr_vp_sales",
    email: "vp-sales@ethico.test",
    first_name: "Samuel",
    last_name: "Rivera",
    role: "VP_SALES",
    is_active: true,
  },
  {
    id: "usr_admin",
    email: "admin@ethico.test",
    first_name: "Ada",
    last_name: "Okafor",
    role: "ADMIN",
    is_active: true,
  },
  { id: "usr_ae", email: "ae@ethico.test", first_name: "Andrea", last_name: "Evans", role: "AE", is_active: true },
  {
    id: "usr_jane_smith",
    email: "jane.smith@ethico.test",
    first_name: "Jane",
    last_name: "Smith",
    role: "CSM",
    is_active: true,
  },
  {
    id: "usr_john_doe",
    email: "john.doe@ethico.test",
    first_name: "John",
    last_name: "Doe",
    role: "CSM",
    is_active: true,
  },
  {
    id: "usr_former_csm",
    email: "former.csm@ethico.test",
    first_name: "Fran",
    last_name: "Moreau",
    role: "CSM",
    is_active: false,
  },
];

export const JANE = "usr_jane_smith";
export const JOHN = "usr_john_doe";
export const MAIN_AE = "usr_ae";

export interface Staffing {
  staff: StaffMember[];
  /** CSM for the k-th active client; the PRD's 15–30 clients per CSM. */
  csmSlots: string[];
  aeSlots: string[];
}

export function buildStaffing(rng: Rng, activeClients: number): Staffing {
  const staff: StaffMember[] = FIXED.map((s) => ({ ...s, diligence: s.id === JANE ? 0.8 : s.id === JOHN ? 0.7 : 0 }));
  const fixedCsmLoad = Math.min(20, Math.floor(activeClients / 2));
  let remaining = activeClients - 2 * fixedCsmLoad;
  const loads: [string, number][] = [
    [JANE, fixedCsmLoad],
    [JOHN, fixedCsmLoad],
  ];
  // Even loads of about 22, nudged apart at random but kept inside the PRD's 15–30.
  const generated = remaining > 0 ? Math.max(1, Math.round(remaining / 22)) : 0;
  const generatedLoads = Array.from(
    { length: generated },
    (_, i) => Math.floor(remaining / generated) + (i < remaining % generated ? 1 : 0),
  );
  for (let i = 0; i + 1 < generated; i += 2) {
    const shift = Math.min(rng.int(0, 6), generatedLoads[i] - 15, 30 - generatedLoads[i + 1]);
    generatedLoads[i] -= Math.max(0, shift);
    generatedLoads[i + 1] += Math.max(0, shift);
  }
  generatedLoads.forEach((load, i) => {
    const n = i + 1;
    const id = `usr_csm_${String(n).padStart(3, "0")}`;
    staff.push({
      id,
      email: `csm-${String(n).padStart(3, "0")}@ethico.test`,
      first_name: rng.pick(FIRST_NAMES),
      last_name: rng.pick(LAST_NAMES),
      role: n % 5 === 0 ? "SENIOR_CSM" : "CSM",
      is_active: true,
      diligence: Math.min(1, Math.max(0.2, rng.normal(0.65, 0.18))),
    });
    loads.push([id, load]);
  });
  remaining = 0;
  // Acme and Beta (the first two active clients) are Jane's; the rest are dealt out at random.
  const rest: string[] = [];
  for (const [id, load] of loads) for (let i = 0; i < load - (id === JANE ? 2 : 0); i++) rest.push(id);
  shuffle(rng, rest);
  const csmSlots = [JANE, JANE, ...rest].slice(0, activeClients);

  const aeCount = Math.max(1, Math.round(activeClients / 60));
  const aes = [MAIN_AE];
  for (let n = 2; n <= aeCount; n++) {
    const id = `usr_ae_${String(n).padStart(3, "0")}`;
    staff.push({
      id,
      email: `ae-${String(n).padStart(3, "0")}@ethico.test`,
      first_name: rng.pick(FIRST_NAMES),
      last_name: rng.pick(LAST_NAMES),
      role: "AE",
      is_active: true,
      diligence: 0,
    });
    aes.push(id);
  }
  const aeSlots = Array.from({ length: activeClients }, (_, i) => (i < 2 ? MAIN_AE : aes[rng.int(0, aes.length - 1)]));
  return { staff, csmSlots, aeSlots };
}

export function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
}
