import type { ActivityOutcome, ActivityType, ContactRole } from "#worker/core/enums";

// Relationship health (PRD F3 "contact frequency, stakeholder coverage") from the touchpoints
// themselves, not from the date of the last one. A date alone let a one-line email with nobody
// attached count as much as a QBR with the champion: on Acme it lifted relationship 49 → 73 and
// moved the client out of At Risk while its usage kept collapsing. Here each touchpoint carries a
// value = kind × who was there × substance, the value decays with age, and the decayed values
// saturate: engagement = 1 − exp(−Σ v ÷ 0.35). Each touch closes part of the gap that is left, so
// many small touches add up slowly and one substantial touch with a key person fills most of it.

export interface Touchpoint {
  type: ActivityType;
  /** Whole days between the touch and the scoring day (0 = today). */
  daysAgo: number;
  /** Characters of notes (description + outcome notes). */
  notesLength: number;
  durationMinutes: number | null;
  outcome: ActivityOutcome | null;
  /** The client's contacts attached to the touch, with their role. */
  contacts: { id: string; role: ContactRole }[];
  /** When it happened (ISO), to tell the latest of two same-day touches apart. */
  occurredAt?: string;
}

/** What a kind of touchpoint is worth before who and how much: a QBR or executive meeting is the reference (1). */
export const KIND_WEIGHT: Record<ActivityType, number> = {
  QBR: 1,
  EXECUTIVE_TOUCHPOINT: 1,
  ONBOARDING: 0.8,
  MEETING: 0.7,
  TRAINING: 0.6,
  CALL: 0.5,
  SUPPORT_ESCALATION: 0.4,
  EMAIL: 0.25,
  OTHER: 0.25,
  // About the client, not with it: never contact.
  INTERNAL_DISCUSSION: 0,
};

const DECISION_MAKERS: readonly ContactRole[] = ["CHAMPION", "EXECUTIVE_SPONSOR"];
export const KEY_ROLES: readonly ContactRole[] = ["CHAMPION", "EXECUTIVE_SPONSOR", "ADMIN"];

/** Who was there: the champion or executive sponsor counts fully, another contact 0.8, nobody attached little. */
export const WHO_WEIGHT = { decisionMaker: 1, contact: 0.8, nobody: 0.3 } as const;

/** Decayed value at which engagement reaches 63% (1 − 1/e): about a good call with the champion a month ago. */
export const SATURATION = 0.35;

/** Notes this long or longer are more than a one-liner. */
export const SUBSTANTIVE_NOTES = 80;

/** Recency: full value for 14 days, then linearly less, nothing from 90 days. */
export const FULL_UNTIL_DAYS = 14;
export const WINDOW_DAYS = 90;

/** A touch with this kind × substance or more (a call with notes or an outcome) fully covers the stakeholders on it. */
const COVERING_VALUE = 0.375;

export function decay(daysAgo: number): number {
  if (daysAgo <= FULL_UNTIL_DAYS) return 1;
  if (daysAgo >= WINDOW_DAYS) return 0;
  return (WINDOW_DAYS - daysAgo) / (WINDOW_DAYS - FULL_UNTIL_DAYS);
}

/** 0.5 for a bare entry, +0.25 for real notes, +0.25 for an outcome worth recording or a conversation of 30+ minutes. */
export function substance(t: Pick<Touchpoint, "notesLength" | "durationMinutes" | "outcome">): number {
  const notes = t.notesLength >= SUBSTANTIVE_NOTES ? 0.25 : 0;
  const result = (t.outcome !== null && t.outcome !== "NO_ACTION_NEEDED") || (t.durationMinutes ?? 0) >= 30 ? 0.25 : 0;
  return 0.5 + notes + result;
}

export function whoWeight(t: Pick<Touchpoint, "contacts">): number {
  if (t.contacts.some((c) => DECISION_MAKERS.includes(c.role))) return WHO_WEIGHT.decisionMaker;
  return t.contacts.length > 0 ? WHO_WEIGHT.contact : WHO_WEIGHT.nobody;
}

/** A touch's value before decay, 0–1 (1 = a substantial QBR with the champion). */
export function touchValue(t: Touchpoint): number {
  return KIND_WEIGHT[t.type] * whoWeight(t) * substance(t);
}

const inWindow = (t: Touchpoint) => t.type !== "INTERNAL_DISCUSSION" && t.daysAgo >= 0 && t.daysAgo < WINDOW_DAYS;

export interface RelationshipBreakdown {
  score: number;
  /** 0–100: the decayed touch values combined. */
  engagement: number;
  /** 0–1: key stakeholders reached in 90 days, each credited by the best touch they were on. */
  coverage: number;
  touches: number;
  keyStakeholders: number;
  keyReached: number;
  strongest: { touch: Touchpoint; value: number } | null;
  latest: { touch: Touchpoint; value: number } | null;
}

export function relationshipBreakdown(
  touchpoints: readonly Touchpoint[],
  keyStakeholderIds: readonly string[],
): RelationshipBreakdown {
  const touches = touchpoints.filter(inWindow);
  let total = 0;
  let strongest: RelationshipBreakdown["strongest"] = null;
  let latest: RelationshipBreakdown["latest"] = null;
  for (const t of touches) {
    const v = touchValue(t) * decay(t.daysAgo);
    total += v;
    if (!strongest || v > strongest.value) strongest = { touch: t, value: v };
    const later =
      !latest ||
      t.daysAgo < latest.touch.daysAgo ||
      (t.daysAgo === latest.touch.daysAgo && (t.occurredAt ?? "") > (latest.touch.occurredAt ?? ""));
    if (later) latest = { touch: t, value: touchValue(t) };
  }
  const credit = new Map<string, number>();
  for (const t of touches) {
    const c = Math.min(1, (KIND_WEIGHT[t.type] * substance(t)) / COVERING_VALUE);
    for (const p of t.contacts) credit.set(p.id, Math.max(credit.get(p.id) ?? 0, c));
  }
  const keys = [...new Set(keyStakeholderIds)];
  const coverage = keys.length ? keys.reduce((s, id) => s + (credit.get(id) ?? 0), 0) / keys.length : 0;
  const engagement = 100 * (1 - Math.exp(-total / SATURATION));
  return {
    score: Math.round(Math.max(0, Math.min(100, 0.6 * engagement + 0.4 * coverage * 100))),
    engagement: Math.round(engagement),
    coverage,
    touches: touches.length,
    keyStakeholders: keys.length,
    keyReached: keys.filter((id) => (credit.get(id) ?? 0) > 0).length,
    strongest,
    latest,
  };
}

const ROLE_WORD: Partial<Record<ContactRole, string>> = {
  CHAMPION: "the champion",
  EXECUTIVE_SPONSOR: "the executive sponsor",
  ADMIN: "the admin",
};

/** "QBR with the champion", "email with no contact attached". */
export function touchLabel(t: Touchpoint): string {
  const kind = t.type === "QBR" ? "QBR" : t.type.replaceAll("_", " ").toLowerCase();
  const key =
    DECISION_MAKERS.map((r) => t.contacts.find((c) => c.role === r)).find(Boolean) ??
    t.contacts.find((c) => c.role === "ADMIN");
  const who = key ? `with ${ROLE_WORD[key.role]}` : t.contacts.length ? "with a contact" : "with no contact attached";
  return `${kind} ${who}`;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const ago = (d: number) => (d === 0 ? "today" : d === 1 ? "yesterday" : `${d} days ago`);

/** The relationship component's words: what was counted, the strongest touch, and the latest one's worth. */
export function explainRelationship(b: RelationshipBreakdown, daysSinceCsmContact: number | null): string {
  const parts = [
    daysSinceCsmContact === null
      ? "No CSM contact on record"
      : `Last CSM contact ${daysSinceCsmContact} ${daysSinceCsmContact === 1 ? "day" : "days"} ago`,
  ];
  if (b.latest) {
    const brief = b.latest.touch.notesLength < SUBSTANTIVE_NOTES ? ", brief notes" : "";
    parts.push(
      `latest: ${touchLabel(b.latest.touch)}${brief}, worth ${pct(b.latest.value)} of a QBR with the champion`,
    );
  }
  parts.push(
    b.touches
      ? `engagement ${b.engagement}/100 from ${b.touches} ${b.touches === 1 ? "touchpoint" : "touchpoints"} in 90 days${b.strongest ? `, strongest: ${touchLabel(b.strongest.touch)} ${ago(b.strongest.touch.daysAgo)}` : ""}`
      : "no touchpoints in 90 days",
  );
  parts.push(
    `${b.keyReached} of ${b.keyStakeholders} key stakeholders reached in 90 days (coverage ${pct(b.coverage)})`,
  );
  return parts.join("; ");
}
