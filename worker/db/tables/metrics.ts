import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { ADOPTION_STATUSES, USAGE_TRENDS } from "#worker/core/enums";
import type { HealthWeights } from "#worker/core/types";
import { bool, createdAt, enumCheck, id, jsonText, rangeCheck, updatedAt } from "#worker/db/columns";

import { clients } from "./clients";

/** Daily health snapshot per client (PRD ClientHealthScore). */
export const clientHealthScores = sqliteTable(
  "client_health_scores",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    date: text("date").notNull(),
    overall_score: integer("overall_score").notNull(),
    usage_score: integer("usage_score"),
    adoption_score: integer("adoption_score"),
    support_score: integer("support_score"),
    relationship_score: integer("relationship_score"),
    contract_score: integer("contract_score"),
    outcome_score: integer("outcome_score"),
    weights_version: text("weights_version"),
    weights_snapshot: jsonText<HealthWeights>("weights_snapshot"),
    notable_events: jsonText<string[]>("notable_events").notNull().default([]),
    /** Per component: its inputs in words ("DAU 3.7 vs expected 9"), or why it is unavailable. */
    component_details: jsonText<Record<string, string>>("component_details"),
    created_at: createdAt(),
  },
  (t) => [
    // The unique index on (client_id, date) also serves the PRD's (client_id, date) lookups.
    uniqueIndex("client_health_scores_client_date_unique").on(t.client_id, t.date),
    index("client_health_scores_date_idx").on(t.date),
    rangeCheck("client_health_scores", t.overall_score, 0, 100),
  ],
);

/**
 * The portfolio's health per day and contract tier, kept beside the snapshots (rebuilt for a day
 * whenever that day's snapshots change): the VP's trend, the week-ago and month-ago comparisons
 * and the tier cohort's average read a few rows here instead of aggregating every client's
 * history (issue 9). Bands as displayed: green 80+, yellow 60–79, orange 40–59, red < 40.
 */
export const healthDailyRollup = sqliteTable(
  "health_daily_rollup",
  {
    date: text("date").notNull(),
    contract_tier: text("contract_tier").notNull(),
    clients: integer("clients").notNull(),
    score_sum: integer("score_sum").notNull(),
    green: integer("green").notNull(),
    yellow: integer("yellow").notNull(),
    orange: integer("orange").notNull(),
    red: integer("red").notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.contract_tier] })],
);

/** Daily usage rollup per client (PRD ClientUsageMetric). */
export const clientUsageMetrics = sqliteTable(
  "client_usage_metrics",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    date: text("date").notNull(),
    daily_active_users: integer("daily_active_users").notNull().default(0),
    weekly_active_users: integer("weekly_active_users").notNull().default(0),
    monthly_active_users: integer("monthly_active_users").notNull().default(0),
    total_users: integer("total_users").notNull().default(0),
    new_users: integer("new_users").notNull().default(0),
    total_sessions: integer("total_sessions").notNull().default(0),
    avg_session_duration_seconds: integer("avg_session_duration_seconds"),
    avg_session_depth: real("avg_session_depth"),
    total_actions: integer("total_actions").notNull().default(0),
    cases_created: integer("cases_created").notNull().default(0),
    cases_closed: integer("cases_closed").notNull().default(0),
    reports_run: integer("reports_run").notNull().default(0),
    disclosures_submitted: integer("disclosures_submitted").notNull().default(0),
    policies_viewed: integer("policies_viewed").notNull().default(0),
    chatbot_conversations: integer("chatbot_conversations").notNull().default(0),
    logins_by_hour: jsonText<Record<string, number>>("logins_by_hour"),
    logins_by_day_of_week: jsonText<Record<string, number>>("logins_by_day_of_week"),
    created_at: createdAt(),
  },
  (t) => [
    uniqueIndex("client_usage_metrics_client_date_unique").on(t.client_id, t.date),
    index("client_usage_metrics_date_idx").on(t.date),
  ],
);

/** Adoption of one feature by one client (PRD ClientFeatureAdoption). */
export const clientFeatureAdoptions = sqliteTable(
  "client_feature_adoptions",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    feature_key: text("feature_key").notNull(),
    feature_name: text("feature_name").notNull(),
    module: text("module").notNull(),
    is_licensed: bool("is_licensed").notNull().default(false),
    licensed_at: text("licensed_at"),
    is_configured: bool("is_configured").notNull().default(false),
    configured_at: text("configured_at"),
    adoption_status: text("adoption_status", { enum: ADOPTION_STATUSES }).notNull(),
    last_used_at: text("last_used_at"),
    usage_30_days: integer("usage_30_days").notNull().default(0),
    usage_trend: text("usage_trend", { enum: USAGE_TRENDS }).notNull(),
    expected_usage: integer("expected_usage"),
    adoption_percentile: integer("adoption_percentile"),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    uniqueIndex("client_feature_adoptions_client_feature_unique").on(t.client_id, t.feature_key),
    index("client_feature_adoptions_feature_key_idx").on(t.feature_key),
    // Cohort percentiles: usage of one feature among licensed clients.
    index("client_feature_adoptions_cohort_idx").on(t.feature_key, t.is_licensed, t.usage_30_days),
    index("client_feature_adoptions_adoption_status_idx").on(t.adoption_status),
    enumCheck("client_feature_adoptions", t.adoption_status, ADOPTION_STATUSES),
    enumCheck("client_feature_adoptions", t.usage_trend, USAGE_TRENDS),
    rangeCheck("client_feature_adoptions", t.adoption_percentile, 0, 100),
  ],
);
