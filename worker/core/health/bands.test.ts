import { describe, expect, it } from "vitest";

import { churnRiskCategory, healthColor, healthStatusFor, healthTrendFor } from "./bands";

describe("health bands", () => {
  it.each([
    [100, "HEALTHY", "green"],
    [80, "HEALTHY", "green"],
    [79, "MONITOR", "yellow"],
    [60, "MONITOR", "yellow"],
    [59, "AT_RISK", "orange"],
    [40, "AT_RISK", "orange"],
    [39, "CRITICAL", "red"],
    [0, "CRITICAL", "red"],
  ])("%i is %s (%s)", (score, status, color) => {
    expect(healthStatusFor(score)).toBe(status);
    expect(healthColor(score)).toBe(color);
  });

  it("honours configured thresholds and shows a missing score as gray", () => {
    expect(healthStatusFor(75, { healthy: 75, monitor: 50, atRisk: 25 })).toBe("HEALTHY");
    expect(healthColor(null)).toBe("gray");
  });

  it("treats moves under 3 points as flat", () => {
    expect(healthTrendFor(3)).toBe("UP");
    expect(healthTrendFor(2)).toBe("FLAT");
    expect(healthTrendFor(-2)).toBe("FLAT");
    expect(healthTrendFor(-3)).toBe("DOWN");
  });

  it("categorises churn risk as the PRD does: <20 low, 20–50 medium, >50 high", () => {
    expect(churnRiskCategory(null)).toBeNull();
    expect(churnRiskCategory(19)).toBe("LOW");
    expect(churnRiskCategory(20)).toBe("MEDIUM");
    expect(churnRiskCategory(50)).toBe("MEDIUM");
    expect(churnRiskCategory(51)).toBe("HIGH");
  });
});
