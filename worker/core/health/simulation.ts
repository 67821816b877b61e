import { HEALTH_STATUSES, type HealthStatus } from "#worker/core/enums";
import type { ComponentScores, HealthWeights } from "#worker/core/types";

import { healthStatusFor, type HealthThresholds } from "./bands";
import { overallScore } from "./score";

// "What if the weights were …": each client's latest component scores re-weighted, and how the
// portfolio would move between bands. Pure: the simulate endpoint writes nothing.

export interface SimulationClient {
  id: string;
  name: string;
  current_score: number | null;
  current_status: HealthStatus;
  components: ComponentScores;
}

export function simulatePortfolio(clients: SimulationClient[], weights: HealthWeights, thresholds: HealthThresholds) {
  const zero = () => Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  const current = zero();
  const simulated = zero();
  const rows = clients.map((c) => {
    const score = overallScore(c.components, weights);
    const status = score === null ? c.current_status : healthStatusFor(score, thresholds);
    current[c.current_status]++;
    simulated[status]++;
    return {
      client_id: c.id,
      name: c.name,
      current_score: c.current_score,
      current_status: c.current_status,
      simulated_score: score,
      simulated_status: status,
      change: score !== null && c.current_score !== null ? score - c.current_score : null,
    };
  });
  const shift = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, simulated[s] - current[s]])) as Record<
    HealthStatus,
    number
  >;
  const moved = rows.filter((r) => r.simulated_status !== r.current_status).length;
  return { clients: rows, distribution: { current, simulated, shift }, clients_changing_band: moved };
}
