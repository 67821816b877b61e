import { type Module, MODULES } from "#worker/core/enums";
import { MODULE_NAMES } from "#worker/core/feature-catalog";

// "Which clients are ready for upsell?" (PRD expansion signals): a healthy, low-risk client that
// uses what it bought (seats near the licence, modules adopted, a promoter NPS) and has modules
// left to buy. Each signal carries its figure so the answer can say why, and the points are
// shares of 100 so the ranking reads plainly.

export interface ExpansionInput {
  health: number | null;
  trendChange: number;
  churnRisk: number | null;
  /** Monthly active users over licensed seats, when both are known. */
  activeUsers: number | null;
  licensedUsers: number | null;
  adoption: number | null;
  latestNps: number | null;
  licensedModules: string[];
}

export interface ExpansionAssessment {
  score: number;
  ready: boolean;
  signals: string[];
  unlicensed_modules: string[];
}

export function expansionSignals(x: ExpansionInput): ExpansionAssessment {
  const signals: string[] = [];
  let score = 0;
  const add = (points: number, text: string) => {
    score += points;
    signals.push(text);
  };
  if (x.health !== null && x.health >= 80) add(25, `Health ${x.health} (healthy)`);
  else if (x.health !== null && x.health >= 70) add(10, `Health ${x.health}`);
  if (x.trendChange >= 3) add(10, `Health up ${x.trendChange} points in 30 days`);
  if (x.activeUsers !== null && x.licensedUsers) {
    const share = x.activeUsers / x.licensedUsers;
    const seats = `${Math.round(share * 100)}% of licensed seats active (${x.activeUsers} of ${x.licensedUsers})`;
    if (share >= 0.9) add(25, seats);
    else if (share >= 0.75) add(10, seats);
  }
  if (x.adoption !== null && x.adoption >= 75) add(15, `Adoption ${x.adoption}: licensed modules well used`);
  if (x.latestNps !== null && x.latestNps >= 9) add(15, `Latest NPS ${x.latestNps} (promoter)`);
  const unlicensed = MODULES.filter((m) => !x.licensedModules.includes(m)).map((m: Module) => MODULE_NAMES[m]);
  if (unlicensed.length) add(10, `Not yet licensed: ${unlicensed.join(", ")}`);
  // A client at risk of leaving is not an upsell, however well it uses the product.
  const safe = (x.churnRisk ?? 0) < 20 && (x.health ?? 0) >= 70;
  return { score: Math.min(100, score), ready: safe && score >= 50, signals, unlicensed_modules: unlicensed };
}
