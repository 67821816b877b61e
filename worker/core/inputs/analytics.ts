import * as v from "valibot";

import { COHORT_TYPES, CUSTOM_CRITERIA } from "#worker/core/benchmark";

import { id } from "./common";
import { wholeNumberText } from "./parse";

// Query strings of the analytics and benchmark endpoints. Strict: an unknown parameter is a
// 400 naming it, so a typo never silently widens a report.

const whole = (min: number, max: number, fallback: string) =>
  v.optional(wholeNumberText({ digits: 4, min, max }), fallback);

const unknownParam = "is not a known parameter";

export const PortfolioAnalyticsQuery = v.strictObject({ csm_id: v.optional(id) }, unknownParam);

export const DistributionQuery = v.strictObject({ csm_id: v.optional(id), days: whole(14, 365, "90") }, unknownParam);

export const AtRiskQuery = v.strictObject({ csm_id: v.optional(id), limit: whole(1, 500, "50") }, unknownParam);

export const RenewalsQuery = v.strictObject(
  { csm_id: v.optional(id), days: whole(1, 365, "90"), limit: whole(1, 500, "100") },
  unknownParam,
);

export const PERFORMANCE_PERIODS = ["30", "90", "180", "365"] as const;
export const CsmPerformanceQuery = v.strictObject(
  {
    period_days: v.pipe(
      v.optional(v.picklist(PERFORMANCE_PERIODS, `must be one of ${PERFORMANCE_PERIODS.join(", ")}`), "90"),
      v.transform(Number),
    ),
  },
  unknownParam,
);

export const BenchmarkQuery = v.strictObject(
  {
    cohort: v.optional(v.picklist(COHORT_TYPES, `must be one of ${COHORT_TYPES.join(", ")}`), "tier"),
    criteria: v.optional(
      v.pipe(
        v.string(),
        v.transform((s) => [
          ...new Set(
            s
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean),
          ),
        ]),
        v.array(v.picklist(CUSTOM_CRITERIA, `criteria must be among ${CUSTOM_CRITERIA.join(", ")}`)),
      ),
    ),
  },
  unknownParam,
);

export const IndustryBenchmarkQuery = v.strictObject(
  { csm_id: v.optional(id), months: whole(3, 24, "12") },
  unknownParam,
);

/** The :industry of GET /benchmarks/industry/:industry. */
export const IndustryName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, "must not be empty"),
  v.maxLength(80, "must be at most 80 characters"),
);
