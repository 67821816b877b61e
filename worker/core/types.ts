// Plain data shapes shared by core, db and the API. No framework types here.

/** One factor behind a client's risk ("usage_decline: high — DAU down 40%"). */
export interface RiskFactor {
  factor: string;
  impact: "high" | "medium" | "low";
  detail: string;
}

/** Health component weights in percent; they sum to 100. */
export interface HealthWeights {
  usage: number;
  adoption: number;
  support: number;
  relationship: number;
  contract: number;
  outcome: number;
}

/** Component scores 0–100; null where the data to score it is missing. */
export type ComponentScores = { [K in keyof HealthWeights]: number | null };
