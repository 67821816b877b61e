CREATE TABLE `ethico_users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`role` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "ethico_users_role_check" CHECK("role" IN ('CSM', 'SENIOR_CSM', 'AE', 'VP_CLIENT_SUCCESS', 'VP_SALES', 'ADMIN'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ethico_users_email_unique` ON `ethico_users` (`email`);--> statement-breakpoint
CREATE INDEX `ethico_users_role_idx` ON `ethico_users` (`role`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`platform_tenant_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_platform_tenant_key_unique` ON `organizations` (`platform_tenant_key`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`industry` text,
	`employee_count` integer,
	`region` text,
	`city` text,
	`contract_tier` text NOT NULL,
	`contract_start_date` text NOT NULL,
	`contract_end_date` text,
	`annual_recurring_revenue` integer,
	`licensed_modules` text DEFAULT '[]' NOT NULL,
	`licensed_user_count` integer,
	`csm_user_id` text,
	`ae_user_id` text,
	`current_health_score` integer,
	`health_status` text NOT NULL,
	`health_trend` text DEFAULT 'FLAT' NOT NULL,
	`health_trend_change` integer DEFAULT 0 NOT NULL,
	`churn_risk_score` integer,
	`attention_priority` integer DEFAULT 0 NOT NULL,
	`salesforce_account_id` text,
	`hubspot_company_id` text,
	`crm_sync_enabled` integer DEFAULT false NOT NULL,
	`last_crm_sync_at` text,
	`go_live_date` text,
	`last_activity_at` text,
	`last_csm_contact_at` text,
	`next_renewal_date` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`segment` text,
	`ai_summary` text,
	`ai_summary_generated_at` text,
	`ai_risk_factors` text,
	`ai_recommended_actions` text,
	`account_status` text DEFAULT 'ACTIVE' NOT NULL,
	`churned_at` text,
	`payment_status` text DEFAULT 'CURRENT' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`csm_user_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ae_user_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "clients_contract_tier_check" CHECK("contract_tier" IN ('STARTER', 'PROFESSIONAL', 'ENTERPRISE', 'CUSTOM')),
	CONSTRAINT "clients_health_status_check" CHECK("health_status" IN ('HEALTHY', 'MONITOR', 'AT_RISK', 'CRITICAL')),
	CONSTRAINT "clients_health_trend_check" CHECK("health_trend" IN ('UP', 'DOWN', 'FLAT')),
	CONSTRAINT "clients_account_status_check" CHECK("account_status" IN ('ACTIVE', 'CHURNED')),
	CONSTRAINT "clients_payment_status_check" CHECK("payment_status" IN ('CURRENT', 'LATE', 'DELINQUENT')),
	CONSTRAINT "clients_current_health_score_range" CHECK("current_health_score" IS NULL OR ("current_health_score" BETWEEN 0 AND 100)),
	CONSTRAINT "clients_churn_risk_score_range" CHECK("churn_risk_score" IS NULL OR ("churn_risk_score" BETWEEN 0 AND 100))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clients_organization_id_unique` ON `clients` (`organization_id`);--> statement-breakpoint
CREATE INDEX `clients_csm_user_id_idx` ON `clients` (`csm_user_id`);--> statement-breakpoint
CREATE INDEX `clients_ae_user_id_idx` ON `clients` (`ae_user_id`);--> statement-breakpoint
CREATE INDEX `clients_health_status_idx` ON `clients` (`health_status`);--> statement-breakpoint
CREATE INDEX `clients_next_renewal_date_idx` ON `clients` (`next_renewal_date`);--> statement-breakpoint
CREATE INDEX `clients_contract_tier_idx` ON `clients` (`contract_tier`);--> statement-breakpoint
CREATE INDEX `clients_account_status_priority_idx` ON `clients` (`account_status`,`attention_priority`);--> statement-breakpoint
CREATE INDEX `clients_name_idx` ON `clients` (`name`);--> statement-breakpoint
CREATE TABLE `client_feature_adoptions` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`feature_key` text NOT NULL,
	`feature_name` text NOT NULL,
	`module` text NOT NULL,
	`is_licensed` integer DEFAULT false NOT NULL,
	`licensed_at` text,
	`is_configured` integer DEFAULT false NOT NULL,
	`configured_at` text,
	`adoption_status` text NOT NULL,
	`last_used_at` text,
	`usage_30_days` integer DEFAULT 0 NOT NULL,
	`usage_trend` text NOT NULL,
	`expected_usage` integer,
	`adoption_percentile` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_feature_adoptions_adoption_status_check" CHECK("adoption_status" IN ('NOT_LICENSED', 'NOT_CONFIGURED', 'NOT_USED', 'LIGHT_USE', 'ACTIVE_USE', 'POWER_USE')),
	CONSTRAINT "client_feature_adoptions_usage_trend_check" CHECK("usage_trend" IN ('INCREASING', 'DECREASING', 'STABLE', 'NO_USE')),
	CONSTRAINT "client_feature_adoptions_adoption_percentile_range" CHECK("adoption_percentile" IS NULL OR ("adoption_percentile" BETWEEN 0 AND 100))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_feature_adoptions_client_feature_unique` ON `client_feature_adoptions` (`client_id`,`feature_key`);--> statement-breakpoint
CREATE INDEX `client_feature_adoptions_feature_key_idx` ON `client_feature_adoptions` (`feature_key`);--> statement-breakpoint
CREATE INDEX `client_feature_adoptions_adoption_status_idx` ON `client_feature_adoptions` (`adoption_status`);--> statement-breakpoint
CREATE TABLE `client_health_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`date` text NOT NULL,
	`overall_score` integer NOT NULL,
	`usage_score` integer,
	`adoption_score` integer,
	`support_score` integer,
	`relationship_score` integer,
	`contract_score` integer,
	`outcome_score` integer,
	`weights_version` text,
	`weights_snapshot` text,
	`notable_events` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_health_scores_overall_score_range" CHECK("overall_score" IS NULL OR ("overall_score" BETWEEN 0 AND 100))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_health_scores_client_date_unique` ON `client_health_scores` (`client_id`,`date`);--> statement-breakpoint
CREATE INDEX `client_health_scores_date_idx` ON `client_health_scores` (`date`);--> statement-breakpoint
CREATE TABLE `client_usage_metrics` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`date` text NOT NULL,
	`daily_active_users` integer DEFAULT 0 NOT NULL,
	`weekly_active_users` integer DEFAULT 0 NOT NULL,
	`monthly_active_users` integer DEFAULT 0 NOT NULL,
	`total_users` integer DEFAULT 0 NOT NULL,
	`new_users` integer DEFAULT 0 NOT NULL,
	`total_sessions` integer DEFAULT 0 NOT NULL,
	`avg_session_duration_seconds` integer,
	`avg_session_depth` real,
	`total_actions` integer DEFAULT 0 NOT NULL,
	`cases_created` integer DEFAULT 0 NOT NULL,
	`cases_closed` integer DEFAULT 0 NOT NULL,
	`reports_run` integer DEFAULT 0 NOT NULL,
	`disclosures_submitted` integer DEFAULT 0 NOT NULL,
	`policies_viewed` integer DEFAULT 0 NOT NULL,
	`chatbot_conversations` integer DEFAULT 0 NOT NULL,
	`logins_by_hour` text,
	`logins_by_day_of_week` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_usage_metrics_client_date_unique` ON `client_usage_metrics` (`client_id`,`date`);--> statement-breakpoint
CREATE INDEX `client_usage_metrics_date_idx` ON `client_usage_metrics` (`date`);--> statement-breakpoint
CREATE TABLE `client_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`activity_type` text NOT NULL,
	`subject` text NOT NULL,
	`description` text,
	`performed_by_id` text NOT NULL,
	`client_contacts` text DEFAULT '[]' NOT NULL,
	`occurred_at` text NOT NULL,
	`duration_minutes` integer,
	`outcome` text,
	`outcome_notes` text,
	`follow_up_required` integer DEFAULT false NOT NULL,
	`follow_up_date` text,
	`follow_up_completed` integer DEFAULT false NOT NULL,
	`follow_up_completed_at` text,
	`salesforce_activity_id` text,
	`hubspot_engagement_id` text,
	`ai_summary` text,
	`ai_next_steps` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performed_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_activities_activity_type_check" CHECK("activity_type" IN ('CALL', 'EMAIL', 'MEETING', 'QBR', 'TRAINING', 'ONBOARDING', 'SUPPORT_ESCALATION', 'EXECUTIVE_TOUCHPOINT', 'INTERNAL_DISCUSSION', 'OTHER')),
	CONSTRAINT "client_activities_outcome_check" CHECK("outcome" IN ('SUCCESSFUL_ENGAGEMENT', 'ISSUE_IDENTIFIED', 'EXPANSION_OPPORTUNITY', 'RISK_IDENTIFIED', 'FOLLOW_UP_REQUIRED', 'NO_ACTION_NEEDED'))
);
--> statement-breakpoint
CREATE INDEX `client_activities_client_occurred_idx` ON `client_activities` (`client_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `client_activities_performed_by_idx` ON `client_activities` (`performed_by_id`);--> statement-breakpoint
CREATE INDEX `client_activities_follow_up_date_idx` ON `client_activities` (`follow_up_date`);--> statement-breakpoint
CREATE TABLE `client_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`title` text,
	`role` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`is_billing` integer DEFAULT false NOT NULL,
	`is_technical` integer DEFAULT false NOT NULL,
	`last_platform_login` text,
	`last_csm_contact` text,
	`engagement_status` text NOT NULL,
	`user_id` text,
	`salesforce_contact_id` text,
	`hubspot_contact_id` text,
	`notes` text,
	`is_active` integer DEFAULT true NOT NULL,
	`left_company_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_contacts_role_check" CHECK("role" IN ('CHAMPION', 'EXECUTIVE_SPONSOR', 'ADMIN', 'USER', 'BILLING', 'OTHER')),
	CONSTRAINT "client_contacts_engagement_status_check" CHECK("engagement_status" IN ('ACTIVE', 'DECLINING', 'INACTIVE'))
);
--> statement-breakpoint
CREATE INDEX `client_contacts_client_idx` ON `client_contacts` (`client_id`);--> statement-breakpoint
CREATE INDEX `client_contacts_email_idx` ON `client_contacts` (`email`);--> statement-breakpoint
CREATE INDEX `client_contacts_user_idx` ON `client_contacts` (`user_id`);--> statement-breakpoint
CREATE TABLE `client_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`title` text,
	`content` text NOT NULL,
	`note_type` text NOT NULL,
	`is_private` integer DEFAULT false NOT NULL,
	`created_by_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_notes_note_type_check" CHECK("note_type" IN ('GENERAL', 'STRATEGY', 'RISK', 'OPPORTUNITY', 'QBR_PREP', 'INTERNAL'))
);
--> statement-breakpoint
CREATE INDEX `client_notes_client_created_idx` ON `client_notes` (`client_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `client_alerts` (
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
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dismissed_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "client_alerts_alert_type_check" CHECK("alert_type" IN ('HEALTH_DROP', 'KEY_USER_INACTIVE', 'SUPPORT_SPIKE', 'USAGE_DECLINE', 'FEATURE_ABANDONED', 'RENEWAL_APPROACHING', 'CONTRACT_UTILIZATION_LOW', 'CHAMPION_RISK', 'NPS_DETRACTOR', 'PAYMENT_ISSUE')),
	CONSTRAINT "client_alerts_severity_check" CHECK("severity" IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
	CONSTRAINT "client_alerts_status_check" CHECK("status" IN ('NEW', 'ACKNOWLEDGED', 'SNOOZED', 'DISMISSED', 'RESOLVED'))
);
--> statement-breakpoint
CREATE INDEX `client_alerts_client_status_idx` ON `client_alerts` (`client_id`,`status`);--> statement-breakpoint
CREATE INDEX `client_alerts_created_at_idx` ON `client_alerts` (`created_at`);--> statement-breakpoint
CREATE INDEX `client_alerts_alert_type_idx` ON `client_alerts` (`alert_type`);--> statement-breakpoint
CREATE TABLE `health_score_configs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`applies_to_tier` text,
	`applies_to_segment` text,
	`usage_weight` integer DEFAULT 25 NOT NULL,
	`adoption_weight` integer DEFAULT 20 NOT NULL,
	`support_weight` integer DEFAULT 15 NOT NULL,
	`relationship_weight` integer DEFAULT 15 NOT NULL,
	`contract_weight` integer DEFAULT 15 NOT NULL,
	`outcome_weight` integer DEFAULT 10 NOT NULL,
	`healthy_threshold` integer DEFAULT 80 NOT NULL,
	`monitor_threshold` integer DEFAULT 60 NOT NULL,
	`at_risk_threshold` integer DEFAULT 40 NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`previous_version_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`created_by_id` text NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "health_score_configs_applies_to_tier_check" CHECK("applies_to_tier" IN ('STARTER', 'PROFESSIONAL', 'ENTERPRISE', 'CUSTOM')),
	CONSTRAINT "health_score_configs_weights_sum" CHECK("usage_weight" + "adoption_weight" + "support_weight" + "relationship_weight" + "contract_weight" + "outcome_weight" = 100),
	CONSTRAINT "health_score_configs_thresholds_order" CHECK("at_risk_threshold" < "monitor_threshold" AND "monitor_threshold" < "healthy_threshold")
);
--> statement-breakpoint
CREATE INDEX `health_score_configs_active_default_idx` ON `health_score_configs` (`is_active`,`is_default`);--> statement-breakpoint
CREATE TABLE `platform_users` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`display_name` text NOT NULL,
	`role_title` text,
	`registered_on` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `platform_users_client_idx` ON `platform_users` (`client_id`);--> statement-breakpoint
CREATE TABLE `renewal_outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`renewal_date` text NOT NULL,
	`outcome` text NOT NULL,
	`arr_before` integer,
	`arr_after` integer,
	`reason` text,
	`recorded_at` text NOT NULL,
	`details` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "renewal_outcomes_outcome_check" CHECK("outcome" IN ('RENEWED', 'CHURNED'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renewal_outcomes_client_date_unique` ON `renewal_outcomes` (`client_id`,`renewal_date`);--> statement-breakpoint
CREATE INDEX `renewal_outcomes_date_idx` ON `renewal_outcomes` (`renewal_date`);--> statement-breakpoint
CREATE TABLE `support_tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`external_id` text,
	`subject` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`module` text,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "support_tickets_severity_check" CHECK("severity" IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
	CONSTRAINT "support_tickets_status_check" CHECK("status" IN ('OPEN', 'CLOSED'))
);
--> statement-breakpoint
CREATE INDEX `support_tickets_client_opened_idx` ON `support_tickets` (`client_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`score` integer NOT NULL,
	`respondent_user_id` text,
	`comment` text,
	`responded_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "survey_responses_kind_check" CHECK("kind" IN ('NPS', 'CSAT')),
	CONSTRAINT "survey_responses_score_range" CHECK("score" IS NULL OR ("score" BETWEEN 0 AND 10))
);
--> statement-breakpoint
CREATE INDEX `survey_responses_client_responded_idx` ON `survey_responses` (`client_id`,`responded_at`);--> statement-breakpoint
CREATE TABLE `user_daily_activity` (
	`client_id` text NOT NULL,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`logins` integer DEFAULT 0 NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`actions` integer DEFAULT 0 NOT NULL,
	`duration_seconds` integer DEFAULT 0 NOT NULL,
	`modules` text DEFAULT '{}' NOT NULL,
	`first_login_hour` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `platform_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_daily_activity_user_date_unique` ON `user_daily_activity` (`user_id`,`date`);--> statement-breakpoint
CREATE INDEX `user_daily_activity_client_date_idx` ON `user_daily_activity` (`client_id`,`date`);--> statement-breakpoint
CREATE TABLE `ai_interactions` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`client_id` text,
	`kind` text NOT NULL,
	`model` text,
	`used_fallback` integer DEFAULT false NOT NULL,
	`prompt` text NOT NULL,
	`response` text,
	`latency_ms` integer,
	`error` text,
	FOREIGN KEY (`user_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ai_interactions_at_idx` ON `ai_interactions` (`at`);--> statement-breakpoint
CREATE INDEX `ai_interactions_client_idx` ON `ai_interactions` (`client_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`user_email` text,
	`action` text NOT NULL,
	`resource_type` text NOT NULL,
	`resource_id` text,
	`outcome` text NOT NULL,
	`status_code` integer,
	`details` text,
	CONSTRAINT "audit_log_outcome_check" CHECK("outcome" IN ('SUCCESS', 'DENIED', 'NOT_FOUND', 'INVALID', 'ERROR'))
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_at_idx` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_resource_idx` ON `audit_log` (`resource_type`,`resource_id`);--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `saved_views_user_idx` ON `saved_views` (`user_id`);