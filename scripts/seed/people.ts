import type { ContactRole } from "#worker/core/enums";

import { FIRST_NAMES, LAST_NAMES, USER_TITLES } from "./catalog";
import type { ClientProfile } from "./profile";
import type { Rng } from "./random";

export interface SimUser {
  id: string;
  name: string;
  title: string;
  /** Relative tendency to use the platform on a given day. */
  propensity: number;
  /** Day index of registration; negative = before the simulated window. */
  registeredDay: number;
  contactRole: ContactRole | null;
  /** Day index after which this user stops logging in (story), if any. */
  silentFrom: number | null;
}

export interface SimContact {
  id: string;
  name: string;
  title: string;
  role: ContactRole;
  userIdx: number | null;
  is_primary: boolean;
  is_billing: boolean;
  is_technical: boolean;
  email: string;
  phone: string;
}

const KEY_ROLES: { role: ContactRole; titles: string[]; propensity: number; user: boolean }[] = [
  {
    role: "CHAMPION",
    titles: ["Chief Compliance Officer", "Director of Ethics & Compliance", "VP Compliance"],
    propensity: 1.5,
    user: true,
  },
  {
    role: "EXECUTIVE_SPONSOR",
    titles: ["General Counsel", "Chief Financial Officer", "Chief Risk Officer"],
    propensity: 0.25,
    user: true,
  },
  { role: "ADMIN", titles: ["Compliance Systems Administrator", "GRC Platform Admin"], propensity: 1.4, user: true },
];

const STORY_PEOPLE: Record<string, [string, string][]> = {
  acme: [
    ["Sarah Chen", "Chief Compliance Officer"],
    ["Robert King", "General Counsel"],
    ["Mike Johnson", "Compliance Systems Administrator"],
    ["Lisa Wang", "Investigator"],
    ["Tom Brown", "Investigator"],
  ],
  beta: [
    ["Daniel Ortiz", "Director of Ethics & Compliance"],
    ["Karen Mills", "Chief Financial Officer"],
    ["Priya Shah", "GRC Platform Admin"],
    ["Evan Cole", "Case Manager"],
  ],
};

export function makePeople(rng: Rng, p: ClientProfile, days: number): { users: SimUser[]; contacts: SimContact[] } {
  const users: SimUser[] = [];
  const contacts: SimContact[] = [];
  const domain = `${p.name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`;
  const story = p.story ? STORY_PEOPLE[p.story] : null;
  const personName = (i: number) => story?.[i]?.[0] ?? `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const addContact = (
    name: string,
    title: string,
    role: ContactRole,
    userIdx: number | null,
    flags: Partial<SimContact> = {},
  ) => {
    const [first, ...rest] = name.toLowerCase().split(" ");
    contacts.push({
      id: rng.id("con"),
      name,
      title,
      role,
      userIdx,
      is_primary: false,
      is_billing: false,
      is_technical: false,
      email: `${first}.${rest.join("")}@${domain}`,
      phone: `+1-555-${String(rng.int(100, 999))}-${String(rng.int(1000, 9999))}`,
      ...flags,
    });
  };

  KEY_ROLES.forEach((k, i) => {
    const name = personName(i);
    const title = story?.[i]?.[1] ?? rng.pick(k.titles);
    users.push({
      id: rng.id("pu"),
      name,
      title,
      propensity: k.propensity * rng.float(0.8, 1.2),
      registeredDay: -rng.int(30, 900),
      contactRole: k.role,
      silentFrom: null,
    });
    addContact(name, title, k.role, users.length - 1, {
      is_primary: k.role === "CHAMPION",
      is_technical: k.role === "ADMIN",
    });
  });
  const namedUsers = story ? story.length - KEY_ROLES.length : rng.int(1, 3);
  for (let i = 0; i < p.userCount - KEY_ROLES.length; i++) {
    const named = i < namedUsers;
    const name = named ? personName(KEY_ROLES.length + i) : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const title = story?.[KEY_ROLES.length + i]?.[1] ?? rng.pick(USER_TITLES);
    const joinsLate = rng.chance(0.15);
    users.push({
      id: rng.id("pu"),
      name,
      title,
      propensity: Math.exp(rng.normal(-0.1, 0.45)),
      registeredDay: joinsLate ? rng.int(0, days - 1) : -rng.int(1, 900),
      contactRole: named ? "USER" : null,
      silentFrom: null,
    });
    if (named) addContact(name, title, "USER", users.length - 1);
  }
  addContact(personName(99), "Accounts Payable Manager", "BILLING", null, { is_billing: true });

  if (p.story === "acme") {
    users[0].silentFrom = days - 21; // Sarah Chen: last login 21 days ago
    users[4].propensity = 0.9; // Tom Brown drifts off more slowly
  }
  return { users, contacts };
}
