import type { ActivityOutcome, ActivityType } from "#worker/core/enums";

import { CSM_ACTIVITY_SUBJECTS } from "./catalog";
import type { SimContact } from "./people";
import type { Rng } from "./random";

const TYPES: readonly (readonly [ActivityType, number])[] = [
  ["CALL", 34],
  ["EMAIL", 30],
  ["MEETING", 14],
  ["TRAINING", 6],
  ["EXECUTIVE_TOUCHPOINT", 4],
  ["INTERNAL_DISCUSSION", 6],
];

export interface SimActivity {
  id: string;
  activity_type: ActivityType;
  subject: string;
  description: string;
  contactIdx: number | null;
  hour: number;
  duration_minutes: number | null;
  outcome: ActivityOutcome;
  follow_up_date_offset: number | null;
  follow_up_completed: boolean;
}

export function makeActivity(
  rng: Rng,
  contacts: SimContact[],
  e: number,
  opts: { qbr: boolean; escalation: boolean; onboarding?: boolean; contactIdx?: number },
): SimActivity {
  const type: ActivityType =
    opts.contactIdx !== undefined
      ? "CALL"
      : opts.onboarding
        ? "ONBOARDING"
        : opts.qbr
          ? "QBR"
          : opts.escalation
            ? "SUPPORT_ESCALATION"
            : rng.weighted(TYPES);
  const keyContacts = contacts.map((c, i) => [i, c] as const).filter(([, c]) => c.role !== "BILLING");
  const contactIdx =
    opts.contactIdx !== undefined
      ? opts.contactIdx
      : opts.onboarding
        ? 0
        : type === "INTERNAL_DISCUSSION"
          ? null
          : rng.chance(0.75)
            ? keyContacts[rng.int(0, Math.min(2, keyContacts.length - 1))][0]
            : rng.pick(keyContacts)[0];
  const outcome: ActivityOutcome =
    e > 0.72 && rng.chance(0.25)
      ? "EXPANSION_OPPORTUNITY"
      : e < 0.4
        ? rng.weighted([
            ["RISK_IDENTIFIED", 3],
            ["ISSUE_IDENTIFIED", 3],
            ["FOLLOW_UP_REQUIRED", 2],
          ])
        : rng.weighted([
            ["SUCCESSFUL_ENGAGEMENT", 6],
            ["NO_ACTION_NEEDED", 2],
            ["FOLLOW_UP_REQUIRED", 1],
            ["ISSUE_IDENTIFIED", 1],
          ]);
  const who = contactIdx === null ? "the account team" : contacts[contactIdx].name;
  const subject = `${rng.pick(CSM_ACTIVITY_SUBJECTS[type] ?? ["Client touchpoint"])}${contactIdx === null ? "" : ` with ${who}`}`;
  const followUp = outcome === "FOLLOW_UP_REQUIRED" || rng.chance(0.2);
  return {
    id: rng.id("act"),
    activity_type: type,
    subject,
    description: describe(type, who, outcome),
    contactIdx,
    hour: rng.int(14, 22), // 9:00–17:00 US Central, stored in UTC
    duration_minutes: type === "EMAIL" ? null : type === "QBR" ? 60 : rng.pick([15, 30, 30, 45, 60]),
    outcome,
    follow_up_date_offset: followUp ? rng.int(5, 21) : null,
    follow_up_completed: rng.chance(0.85),
  };
}

function describe(type: ActivityType, who: string, outcome: ActivityOutcome): string {
  const what: Record<ActivityOutcome, string> = {
    SUCCESSFUL_ENGAGEMENT: "Good conversation; the team is on track with its rollout plan.",
    ISSUE_IDENTIFIED: "Raised friction with the current workflow; logged for the product team.",
    EXPANSION_OPPORTUNITY: "Interest in adding modules for another business unit; looped in the AE.",
    RISK_IDENTIFIED: "Engagement is slipping and the budget is under review; needs a recovery plan.",
    FOLLOW_UP_REQUIRED: "Open questions remain; promised a follow-up with answers.",
    NO_ACTION_NEEDED: "Routine touchpoint, nothing outstanding.",
  };
  return `${type.replaceAll("_", " ").toLowerCase()} with ${who}. ${what[outcome]}`;
}
