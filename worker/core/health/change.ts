import type { HealthWeights } from "#worker/core/types";

import { COMPONENT_KEYS, type ComponentKey } from "./explain";

// "What changed since yesterday", input by input: each component's score yesterday and today,
// the points it moved the overall score by, and the words behind both days' scores. A CSM who
// sees health move (or not move after a call) reads here why, without opening the history.

export interface DaySnapshot {
  date: string;
  overall: number;
  scores: Record<ComponentKey, number | null>;
  details: Partial<Record<ComponentKey, string>>;
  weights: HealthWeights;
}

export interface ComponentChange {
  component: ComponentKey;
  before: number | null;
  after: number | null;
  /** Score points (after − before); null when either day could not score it. */
  delta: number | null;
  /** What the change did to the overall score, in points (weight share applied), one decimal. */
  overall_points: number;
  reason_before: string | null;
  reason_after: string | null;
}

export interface HealthChange {
  from: string | null;
  to: string | null;
  overall_before: number | null;
  overall_after: number | null;
  /** Components that moved first (largest effect on the overall first), then the unchanged ones. */
  components: ComponentChange[];
  /** One line: "Relationship +1 (latest: email with no contact attached …); nothing else changed". */
  summary: string;
}

const LABEL: Record<ComponentKey, string> = {
  usage: "Usage",
  adoption: "Adoption",
  support: "Support",
  relationship: "Relationship",
  contract: "Contract",
  outcome: "Outcome",
};

/** Each available component's share of the overall on that day, in points. */
function contributions(s: DaySnapshot): Record<ComponentKey, number> {
  const available = COMPONENT_KEYS.filter((k) => s.scores[k] !== null);
  const total = available.reduce((sum, k) => sum + s.weights[k], 0);
  const out = {} as Record<ComponentKey, number>;
  for (const k of COMPONENT_KEYS)
    out[k] = total > 0 && s.scores[k] !== null ? ((s.scores[k] as number) * s.weights[k]) / total : 0;
  return out;
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

export function healthChangeSince(yesterday: DaySnapshot | null, today: DaySnapshot | null): HealthChange {
  if (!yesterday || !today) {
    return {
      from: yesterday?.date ?? null,
      to: today?.date ?? null,
      overall_before: yesterday?.overall ?? null,
      overall_after: today?.overall ?? null,
      components: [],
      summary: !today ? "No health score for today yet." : "No health score for yesterday to compare with.",
    };
  }
  const before = contributions(yesterday);
  const after = contributions(today);
  const components: ComponentChange[] = COMPONENT_KEYS.map((k) => {
    const b = yesterday.scores[k],
      a = today.scores[k];
    return {
      component: k,
      before: b,
      after: a,
      delta: a !== null && b !== null ? a - b : null,
      overall_points: Math.round((after[k] - before[k]) * 10) / 10,
      reason_before: yesterday.details[k] ?? null,
      reason_after: today.details[k] ?? null,
    };
  });
  const moved = (c: ComponentChange) => c.before !== c.after || c.reason_before !== c.reason_after;
  components.sort(
    (x, y) => Number(moved(y)) - Number(moved(x)) || Math.abs(y.overall_points) - Math.abs(x.overall_points),
  );
  const changed = components.filter((c) => c.before !== c.after);
  const overallDelta = today.overall - yesterday.overall;
  const head =
    overallDelta === 0
      ? `Health unchanged at ${today.overall}`
      : `Health ${yesterday.overall} → ${today.overall} (${signed(overallDelta)})`;
  const parts = changed.map((c) => {
    const move =
      c.delta === null ? `${c.before ?? "N/A"} → ${c.after ?? "N/A"}` : `${c.before} → ${c.after} (${signed(c.delta)})`;
    return `${LABEL[c.component]} ${move}`;
  });
  return {
    from: yesterday.date,
    to: today.date,
    overall_before: yesterday.overall,
    overall_after: today.overall,
    components,
    summary: `${head}${parts.length ? `: ${parts.join("; ")}` : "; no component moved"}.`,
  };
}
