CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`alert_id` text NOT NULL,
	`channel` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`http_status` integer,
	`detail` text,
	`at` text NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `client_alerts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "alert_deliveries_channel_check" CHECK("channel" IN ('email', 'slack')),
	CONSTRAINT "alert_deliveries_status_check" CHECK("status" IN ('QUEUED', 'DEFERRED_QUIET_HOURS', 'SKIPPED_MUTED', 'SKIPPED_NOT_CONFIGURED', 'SENT', 'FAILED_RETRYING', 'FAILED', 'DEAD_LETTERED'))
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_alert_idx` ON `alert_deliveries` (`alert_id`,`at`);--> statement-breakpoint
CREATE TABLE `alert_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`client_id` text,
	`settings` text NOT NULL,
	`updated_by_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "alert_settings_scope_check" CHECK("scope" = coalesce("client_id", 'global'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_settings_scope_unique` ON `alert_settings` (`scope`);--> statement-breakpoint
-- D1 runs a migration in one transaction: foreign keys are checked at its end, not per statement.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_client_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`alert_type` text NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`trigger_metric` text,
	`trigger_value` text,
	`trigger_threshold` text,
	`related_entity_type` text,
	`related_entity_id` text,
	`ai_analysis` text,
	`ai_recommended_action` text,
	`status` text DEFAULT 'NEW' NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by_id` text,
	`snoozed_until` text,
	`dismissed_at` text,
	`dismissed_by_id` text,
	`resolved_at` text,
	`resolution_notes` text,
	`dedup_key` text,
	`condition_cleared_at` text,
	`stream_pending` integer DEFAULT false NOT NULL,
	`delivery_pending` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dismissed_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_alerts_alert_type_check" CHECK("alert_type" IN ('HEALTH_DROP', 'KEY_USER_INACTIVE', 'SUPPORT_SPIKE', 'USAGE_DECLINE', 'FEATURE_ABANDONED', 'RENEWAL_APPROACHING', 'CONTRACT_UTILIZATION_LOW', 'CHAMPION_RISK', 'NPS_DETRACTOR', 'PAYMENT_ISSUE', 'FOLLOW_UP_OVERDUE')),
	CONSTRAINT "client_alerts_severity_check" CHECK("severity" IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
	CONSTRAINT "client_alerts_status_check" CHECK("status" IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED', 'DISMISSED', 'RESOLVED'))
);
--> statement-breakpoint
INSERT INTO `__new_client_alerts`("id", "client_id", "alert_type", "severity", "title", "description", "trigger_metric", "trigger_value", "trigger_threshold", "related_entity_type", "related_entity_id", "ai_analysis", "ai_recommended_action", "status", "acknowledged_at", "acknowledged_by_id", "snoozed_until", "dismissed_at", "dismissed_by_id", "resolved_at", "resolution_notes", "dedup_key", "condition_cleared_at", "stream_pending", "delivery_pending", "created_at", "updated_at") SELECT "id", "client_id", "alert_type", "severity", "title", "description", "trigger_metric", "trigger_value", "trigger_threshold", "related_entity_type", "related_entity_id", "ai_analysis", "ai_recommended_action", "status", "acknowledged_at", "acknowledged_by_id", "snoozed_until", "dismissed_at", "dismissed_by_id", "resolved_at", "resolution_notes", "dedup_key", "condition_cleared_at", "stream_pending", "delivery_pending", "created_at", "updated_at" FROM `client_alerts`;--> statement-breakpoint
DROP TABLE `client_alerts`;--> statement-breakpoint
ALTER TABLE `__new_client_alerts` RENAME TO `client_alerts`;--> statement-breakpoint
CREATE INDEX `client_alerts_client_status_idx` ON `client_alerts` (`client_id`,`status`);--> statement-breakpoint
CREATE INDEX `client_alerts_created_at_idx` ON `client_alerts` (`created_at`);--> statement-breakpoint
CREATE INDEX `client_alerts_alert_type_idx` ON `client_alerts` (`alert_type`);--> statement-breakpoint
CREATE UNIQUE INDEX `client_alerts_open_condition_unique` ON `client_alerts` (`client_id`,`dedup_key`) WHERE status IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED');--> statement-breakpoint
CREATE INDEX `client_alerts_stream_pending_idx` ON `client_alerts` (`stream_pending`);--> statement-breakpoint
CREATE INDEX `client_alerts_delivery_pending_idx` ON `client_alerts` (`delivery_pending`);