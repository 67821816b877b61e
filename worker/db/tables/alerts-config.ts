import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import type { AlertSettingsPatch } from "#worker/core/alerts/alert-settings";
import { ALERT_SEVERITIES, ALERT_STATUSES, ALERT_TYPES, CONTRACT_TIERS } from "#worker/core/enums";
import { bool, createdAt, enumCheck, id, jsonText, updatedAt } from "#worker/db/columns";

import { clients } from "./clients";
import { ethicoUsers } from "./people";

/** A proactive alert (PRD ClientAlert). */
export const clientAlerts = sqliteTable(
  "client_alerts",
  {
    id: id(),
    client_id: text("client_id")
      .notNull()
      .references(() => clients.id),
    alert_type: text("alert_type", { enum: ALERT_TYPES }).notNull(),
    severity: text("severity", { enum: ALERT_SEVERITIES }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    trigger_metric: text("trigger_metric"),
    trigger_value: text("trigger_value"),
    trigger_threshold: text("trigger_threshold"),
    related_entity_type: text("related_entity_type"),
    related_entity_id: text("related_entity_id"),
    ai_analysis: text("ai_analysis"),
    ai_recommended_action: text("ai_recommended_action"),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("NEW"),
    acknowledged_at: text("acknowledged_at"),
    acknowledged_by_id: text("acknowledged_by_id").references(() => ethicoUsers.id),
    snoozed_until: text("snoozed_until"),
    dismissed_at: text("dismissed_at"),
    dismissed_by_id: text("dismissed_by_id").references(() => ethicoUsers.id),
    resolved_at: text("resolved_at"),
    resolution_notes: text("resolution_notes"),
    /** The condition this alert stands for ("HEALTH_DROP", "KEY_USER_INACTIVE:<contact>"): one open alert each. */
    dedup_key: text("dedup_key"),
    /** For a dismissed alert: when its condition stopped holding (a recurrence then alerts again). */
    condition_cleared_at: text("condition_cleared_at"),
    /** The cause the alert stands for (core/alerts/alert-causes): one card per client and cause. */
    cause_key: text("cause_key"),
    /** Outbox flags: still to be pushed to the live streams / handed to email and Slack delivery. */
    stream_pending: bool("stream_pending").notNull().default(false),
    delivery_pending: bool("delivery_pending").notNull().default(false),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("client_alerts_client_status_idx").on(t.client_id, t.status),
    index("client_alerts_created_at_idx").on(t.created_at),
    // The unread bell on every page: new alerts newest first, without probing every client.
    index("client_alerts_status_created_idx").on(t.status, t.created_at),
    index("client_alerts_alert_type_idx").on(t.alert_type),
    index("client_alerts_status_snoozed_idx").on(t.status, t.snoozed_until),
    uniqueIndex("client_alerts_open_condition_unique")
      .on(t.client_id, t.dedup_key)
      .where(sql`status IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED')`),
    index("client_alerts_stream_pending_idx").on(t.stream_pending),
    index("client_alerts_delivery_pending_idx").on(t.delivery_pending),
    enumCheck("client_alerts", t.alert_type, ALERT_TYPES),
    enumCheck("client_alerts", t.severity, ALERT_SEVERITIES),
    enumCheck("client_alerts", t.status, ALERT_STATUSES),
  ],
);

/** Versioned health-score formula (PRD HealthScoreConfig). Weights sum to 100. */
export const healthScoreConfigs = sqliteTable(
  "health_score_configs",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description"),
    applies_to_tier: text("applies_to_tier", { enum: CONTRACT_TIERS }),
    applies_to_segment: text("applies_to_segment"),
    /** A per-client override wins over segment, tier and default (docs/health-score.md). */
    applies_to_client_id: text("applies_to_client_id").references(() => clients.id),
    usage_weight: integer("usage_weight").notNull().default(25),
    adoption_weight: integer("adoption_weight").notNull().default(20),
    support_weight: integer("support_weight").notNull().default(15),
    relationship_weight: integer("relationship_weight").notNull().default(15),
    contract_weight: integer("contract_weight").notNull().default(15),
    outcome_weight: integer("outcome_weight").notNull().default(10),
    healthy_threshold: integer("healthy_threshold").notNull().default(80),
    monitor_threshold: integer("monitor_threshold").notNull().default(60),
    at_risk_threshold: integer("at_risk_threshold").notNull().default(40),
    is_active: bool("is_active").notNull().default(true),
    is_default: bool("is_default").notNull().default(false),
    version: integer("version").notNull().default(1),
    previous_version_id: text("previous_version_id"),
    created_at: createdAt(),
    updated_at: updatedAt(),
    created_by_id: text("created_by_id")
      .notNull()
      .references(() => ethicoUsers.id),
  },
  (t) => [
    index("health_score_configs_active_default_idx").on(t.is_active, t.is_default),
    // One active version per scope (migration 0020): a parallel save cannot leave two.
    uniqueIndex("health_score_configs_one_active_per_scope")
      .on(
        t.is_default,
        sql`coalesce(${t.applies_to_tier}, '')`,
        sql`coalesce(${t.applies_to_segment}, '')`,
        sql`coalesce(${t.applies_to_client_id}, '')`,
      )
      .where(sql`${t.is_active} = 1`),
    enumCheck("health_score_configs", t.applies_to_tier, CONTRACT_TIERS),
    check(
      "health_score_configs_weights_sum",
      sql`"usage_weight" + "adoption_weight" + "support_weight" + "relationship_weight" + "contract_weight" + "outcome_weight" = 100`,
    ),
    check(
      "health_score_configs_thresholds_order",
      sql`"at_risk_threshold" < "monitor_threshold" AND "monitor_threshold" < "healthy_threshold"`,
    ),
  ],
);

/** Alert settings: one global row (client_id NULL) and one per client that has its own. */
export const alertSettings = sqliteTable(
  "alert_settings",
  {
    id: id(),
    /** "global", or the client's id: one row each. */
    scope: text("scope").notNull().unique(),
    client_id: text("client_id").references(() => clients.id),
    settings: jsonText<AlertSettingsPatch>("settings").notNull(),
    /** Bumped on every write: a PUT carrying an older version is a 409 (migration 0020). */
    version: integer("version").notNull().default(1),
    updated_by_id: text("updated_by_id").references(() => ethicoUsers.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [check("alert_settings_scope_check", sql`${t.scope} = coalesce(${t.client_id}, 'global')`)],
);

export const DELIVERY_CHANNELS = ["email", "slack"] as const;
export const DELIVERY_STATUSES = [
  "QUEUED",
  "DEFERRED_QUIET_HOURS",
  "SKIPPED_MUTED",
  "SKIPPED_NOT_CONFIGURED",
  "SENT",
  "FAILED_RETRYING",
  "FAILED",
  "DEAD_LETTERED",
] as const;

/** Every delivery attempt of an alert by email or Slack, and how it ended. */
export const alertDeliveries = sqliteTable(
  "alert_deliveries",
  {
    id: id(),
    alert_id: text("alert_id")
      .notNull()
      .references(() => clientAlerts.id),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    attempt: integer("attempt").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    http_status: integer("http_status"),
    detail: text("detail"),
    at: text("at").notNull(),
  },
  (t) => [
    index("alert_deliveries_alert_idx").on(t.alert_id, t.at),
    enumCheck("alert_deliveries", t.channel, DELIVERY_CHANNELS),
    enumCheck("alert_deliveries", t.status, DELIVERY_STATUSES),
  ],
);
