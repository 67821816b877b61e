import * as v from "valibot";

import { wholeNumberText } from "./parse";

// Query parameters of a client's health and usage endpoints (one parameter each, checked alone).

/** GET /clients/:id/health/history?days= (at most the 3 years of history kept). */
export const HealthHistoryDays = wholeNumberText({
  digits: 4,
  min: 1,
  max: 1095,
  maxMessage: "must be at most 1095 (3 years)",
});

/** GET /clients/:id/health/history?format= */
export const HealthHistoryFormat = v.picklist(["json", "csv"], "must be json or csv");

/** GET /clients/:id/usage/heatmap?days= */
export const HeatmapDays = wholeNumberText({ digits: 3, min: 1, max: 120 });
