import { usd } from "./chat-answers";
import type { ChurnForecast } from "./churn-forecast";

// The executive summary's narrative (US-015-003 "AI generates executive summary narrative"):
// what changed since the last period (30 days), which few clients moved it and why, and the
// quarter's predicted churn with its uncertainty. These facts are what Workers AI may word; the
// local narrator below writes the same story deterministically when it is not bound or fails.

export interface Mover {
  id: string;
  name: string;
  from: number;
  to: number;
  change: number;
  arr: number | null;
  status: string | null;
  driver: string | null;
}

export interface ExecutiveFacts {
  scope: string;
  period: { from: string; to: string };
  avg_health: { now: number | null; then: number | null };
  at_risk: { now: number; then: number | null };
  arr_at_risk: number;
  /** Biggest drops (most negative first) and biggest gains. */
  decliners: Mover[];
  improvers: Mover[];
  /** Clients that fell below 60 (into At risk or Critical) during the period. */
  newly_at_risk: string[];
  forecast: ChurnForecast;
}

/** The few clients behind the change: the largest moves each way (at most `n`, ignoring small ones). */
export function pickMovers<T extends { change: number }>(
  rows: T[],
  n = 3,
  minPoints = 5,
): { decliners: T[]; improvers: T[] } {
  const sorted = [...rows].sort((a, b) => a.change - b.change);
  return {
    decliners: sorted.filter((r) => r.change <= -minPoints).slice(0, n),
    improvers: sorted
      .reverse()
      .filter((r) => r.change >= minPoints)
      .slice(0, n),
  };
}

const pts = (n: number) => `${Math.abs(n)} point${Math.abs(n) === 1 ? "" : "s"}`;
const mover = (m: Mover) => `${m.name} (${m.from} → ${m.to}${m.driver ? `; ${m.driver}` : ""})`;

export function localExecutiveNarrative(f: ExecutiveFacts): string {
  const parts: string[] = [];
  const { now, then } = f.avg_health;
  if (now !== null && then !== null) {
    const d = now - then;
    parts.push(
      `Since ${f.period.from}, average health for ${f.scope} ${d === 0 ? `held at ${now}` : `${d < 0 ? "fell" : "rose"} ${pts(d)} to ${now}`}, with ${f.at_risk.now} client${f.at_risk.now === 1 ? "" : "s"} at risk or critical${f.at_risk.then !== null ? ` (${f.at_risk.then} a month ago)` : ""} carrying ${usd(f.arr_at_risk)} of ARR.`,
    );
  } else {
    parts.push(
      `${f.at_risk.now} client${f.at_risk.now === 1 ? " is" : "s are"} at risk or critical for ${f.scope}, carrying ${usd(f.arr_at_risk)} of ARR.`,
    );
  }
  if (f.decliners.length) parts.push(`The drop is concentrated in ${f.decliners.map(mover).join(", ")}.`);
  if (f.newly_at_risk.length) parts.push(`Newly below 60: ${f.newly_at_risk.slice(0, 5).join(", ")}.`);
  if (f.improvers.length) parts.push(`Offsetting gains: ${f.improvers.map(mover).join(", ")}.`);
  if (!f.decliners.length && !f.improvers.length) parts.push("No client moved by 5 points or more.");
  const q = f.forecast;
  parts.push(
    q.renewals === 0
      ? "No scored renewals fall in the next quarter, so no churn is forecast for it."
      : `Next quarter the churn model expects ${q.expected_clients} of ${q.renewals} renewing clients to churn (90% range ${q.clients_low}–${q.clients_high}), about ${usd(q.expected_arr)} of ${usd(q.arr_renewing)} renewing ARR${
          q.top.length
            ? `, most of it in ${q.top
                .slice(0, 3)
                .map((t) => `${t.name} (${Math.round(t.p * 100)}%)`)
                .join(", ")}`
            : ""
        }.`,
  );
  return parts.join(" ");
}
