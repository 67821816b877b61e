import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { enumCheck } from "#worker/db/columns";

export const METRIC_NAMES = [
  "recalc_duration_ms",
  "queue_lag_ms",
  "dead_letter_depth",
  "crm_failure",
  "ai_fallback",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Operational data points, the D1 copy of what goes to Analytics Engine (migration 0021). */
export const metricPoints = sqliteTable(
  "metric_points",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name", { enum: METRIC_NAMES }).notNull(),
    /** What the point is about: a queue, a CRM provider, an AI purpose ("" when nothing). */
    label: text("label").notNull().default(""),
    value: real("value").notNull(),
    at: text("at").notNull(),
  },
  (t) => [
    index("metric_points_name_at_idx").on(t.name, t.at),
    index("metric_points_at_idx").on(t.at),
    enumCheck("metric_points", t.name, METRIC_NAMES),
  ],
);
