import { describe, expect, it } from "vitest";

import {
  decay,
  explainRelationship,
  relationshipBreakdown,
  substance,
  touchLabel,
  type Touchpoint,
  touchValue,
} from "./relationship";

const SARAH = { id: "con_sarah", role: "CHAMPION" as const };
const ROBERT = { id: "con_robert", role: "EXECUTIVE_SPONSOR" as const };
const MIKE = { id: "con_mike", role: "ADMIN" as const };
const LISA = { id: "con_lisa", role: "USER" as const };
const KEYS = [SARAH.id, ROBERT.id, MIKE.id];

const touch = (t: Partial<Touchpoint>): Touchpoint => ({
  type: "CALL",
  daysAgo: 0,
  notesLength: 120,
  durationMinutes: 30,
  outcome: "SUCCESSFUL_ENGAGEMENT",
  contacts: [],
  ...t,
});
/** Acme as seeded: one real check-in call with the admin 45 days ago, nothing since. */
const acmeCall = touch({ daysAgo: 45, durationMinutes: 45, contacts: [MIKE] });
const oneLineEmail = touch({ type: "EMAIL", notesLength: 28, durationMinutes: null, outcome: null });
const qbrWithSarah = touch({ type: "QBR", notesLength: 300, durationMinutes: 60, contacts: [SARAH] });

describe("touchpoint value: kind × who × substance", () => {
  it("ranks a QBR with the champion far above a one-line email with nobody attached", () => {
    expect(touchValue(qbrWithSarah)).toBe(1);
    expect(touchValue(oneLineEmail)).toBeCloseTo(0.25 * 0.3 * 0.5, 6);
    expect(touchValue(touch({ type: "EXECUTIVE_TOUCHPOINT", contacts: [ROBERT] }))).toBe(1);
    // The same call counts more with the champion than with another contact, more with a contact than with nobody.
    const withChampion = touchValue(touch({ contacts: [SARAH] }));
    const withUser = touchValue(touch({ contacts: [LISA] }));
    const withNobody = touchValue(touch({}));
    expect(withChampion).toBeGreaterThan(withUser);
    expect(withUser).toBeGreaterThan(withNobody);
    expect(withNobody / withChampion).toBeCloseTo(0.3, 6);
    expect(touchValue(touch({ type: "INTERNAL_DISCUSSION", contacts: [SARAH] }))).toBe(0);
  });

  it("gives substance for real notes and for a recorded outcome or a 30-minute conversation", () => {
    expect(substance({ notesLength: 10, durationMinutes: null, outcome: null })).toBe(0.5);
    expect(substance({ notesLength: 10, durationMinutes: null, outcome: "NO_ACTION_NEEDED" })).toBe(0.5);
    expect(substance({ notesLength: 79, durationMinutes: 29, outcome: null })).toBe(0.5);
    expect(substance({ notesLength: 80, durationMinutes: null, outcome: null })).toBe(0.75);
    expect(substance({ notesLength: 10, durationMinutes: 30, outcome: null })).toBe(0.75);
    expect(substance({ notesLength: 200, durationMinutes: null, outcome: "RISK_IDENTIFIED" })).toBe(1);
  });

  it("decays: full for 14 days, linearly to nothing at 90", () => {
    expect(decay(0)).toBe(1);
    expect(decay(14)).toBe(1);
    expect(decay(52)).toBeCloseTo(0.5, 6);
    expect(decay(90)).toBe(0);
    expect(decay(400)).toBe(0);
  });
});

describe("relationship score", () => {
  it("is 0 with no touchpoints and 0 coverage without key stakeholders", () => {
    expect(relationshipBreakdown([], KEYS)).toMatchObject({ score: 0, engagement: 0, coverage: 0, touches: 0 });
    expect(relationshipBreakdown([qbrWithSarah], [])).toMatchObject({ coverage: 0, keyStakeholders: 0 });
  });

  it("ignores internal discussions, touches from the future and touches 90+ days old", () => {
    const ignored = [
      touch({ type: "INTERNAL_DISCUSSION", contacts: [SARAH] }),
      touch({ daysAgo: -1, contacts: [SARAH] }),
      touch({ daysAgo: 90, contacts: [SARAH] }),
    ];
    expect(relationshipBreakdown(ignored, KEYS)).toMatchObject({ score: 0, touches: 0, keyReached: 0 });
  });

  it("a one-line email with nobody attached barely moves Acme; a QBR with Sarah Chen moves it a lot", () => {
    const before = relationshipBreakdown([acmeCall], KEYS);
    const email = relationshipBreakdown([acmeCall, oneLineEmail], KEYS);
    const qbr = relationshipBreakdown([acmeCall, qbrWithSarah], KEYS);
    expect(before.score).toBe(43);
    expect(email.score - before.score).toBeLessThanOrEqual(4);
    expect(email.coverage).toBe(before.coverage);
    expect(qbr.score - before.score).toBeGreaterThanOrEqual(35);
    expect(qbr).toMatchObject({ keyReached: 2, strongest: { touch: qbrWithSarah } });
    // The old recency rule scored that email as a contact today: 49 → 73 (+24).
  });

  it("a trivial entry moves health by about a point at most, from any relationship state (weight 15%)", () => {
    // Health moves by at most weight × relationship change; check for every starting relationship state.
    for (let days = 0; days < 90; days += 3) {
      for (const prior of [
        [],
        [acmeCall],
        [touch({ daysAgo: days, contacts: [SARAH] })],
        [touch({ type: "EMAIL", daysAgo: days, contacts: [LISA] })],
      ]) {
        const a = relationshipBreakdown(prior, KEYS).score;
        const b = relationshipBreakdown([...prior, oneLineEmail], KEYS).score;
        expect(b - a).toBeGreaterThanOrEqual(0);
        // At 15% weight this is at most 1 health point.
        expect((b - a) * 0.15).toBeLessThanOrEqual(1.05);
      }
    }
  });

  it("many small touches add up slowly and saturate below 100", () => {
    const emails = (n: number) => Array.from({ length: n }, (_, k) => ({ ...oneLineEmail, daysAgo: k }));
    const s5 = relationshipBreakdown(emails(5), KEYS).score;
    const s10 = relationshipBreakdown(emails(10), KEYS).score;
    expect(s10).toBeGreaterThan(s5);
    expect(s10).toBeLessThan(relationshipBreakdown([qbrWithSarah], KEYS).score);
  });

  it("credits coverage by the best touch each key stakeholder was on, and only active key stakeholders count", () => {
    const bare = relationshipBreakdown(
      [touch({ type: "EMAIL", notesLength: 10, durationMinutes: null, outcome: null, contacts: [SARAH] })],
      KEYS,
    );
    expect(bare.coverage).toBeCloseTo(0.125 / 0.375 / 3, 6);
    const call = relationshipBreakdown(
      [touch({ contacts: [SARAH, MIKE] }), touch({ type: "EMAIL", contacts: [SARAH] })],
      KEYS,
    );
    expect(call.coverage).toBeCloseTo(2 / 3, 6);
    expect(call.keyReached).toBe(2);
    // A user (not a key role) on the touch adds nothing to coverage.
    expect(relationshipBreakdown([touch({ contacts: [LISA] })], KEYS).coverage).toBe(0);
  });

  it("explains itself: last contact, the latest touch's worth, engagement, strongest touch, coverage", () => {
    const b = relationshipBreakdown([acmeCall, oneLineEmail], KEYS);
    expect(explainRelationship(b, 0)).toBe(
      "Last CSM contact 0 days ago; latest: email with no contact attached, brief notes, worth 4% of a QBR with the champion; engagement 54/100 from 2 touchpoints in 90 days, strongest: call with the admin 45 days ago; 1 of 3 key stakeholders reached in 90 days (coverage 33%)",
    );
    expect(explainRelationship(relationshipBreakdown([], KEYS), null)).toBe(
      "No CSM contact on record; no touchpoints in 90 days; 0 of 3 key stakeholders reached in 90 days (coverage 0%)",
    );
    expect(touchLabel(touch({ type: "EXECUTIVE_TOUCHPOINT", contacts: [LISA, ROBERT] }))).toBe(
      "executive touchpoint with the executive sponsor",
    );
  });
});
