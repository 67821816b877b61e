-- Issue 19 (alerts inbox and tasks).
-- The cause an alert stands for: alerts of one client that share it are one card in the inbox
-- and count once (a key contact gone quiet raises KEY_USER_INACTIVE and CHAMPION_RISK).
ALTER TABLE `client_alerts` ADD `cause_key` text;
--> statement-breakpoint
UPDATE `client_alerts` SET `cause_key` = CASE
  WHEN `related_entity_type` = 'contact' AND `related_entity_id` IS NOT NULL THEN 'contact:' || `related_entity_id`
  WHEN `dedup_key` IS NOT NULL THEN 'condition:' || `dedup_key`
  ELSE 'alert:' || `id` END;
--> statement-breakpoint
-- Snoozes to wake (the hourly cron) without reading every snoozed alert.
CREATE INDEX `client_alerts_status_snoozed_idx` ON `client_alerts` (`status`,`snoozed_until`);
--> statement-breakpoint
-- A form or client sends its own key with a new activity: a repeat of the same key returns the
-- first activity instead of logging it twice.
ALTER TABLE `client_activities` ADD `idempotency_key` text;
--> statement-breakpoint
CREATE UNIQUE INDEX `client_activities_idempotency_unique` ON `client_activities` (`performed_by_id`,`idempotency_key`) WHERE `idempotency_key` IS NOT NULL;
--> statement-breakpoint
-- An activity edited after it reached a CRM: the CRM record is updated on the next push.
ALTER TABLE `client_activities` ADD `salesforce_update_pending` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `client_activities` ADD `hubspot_update_pending` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- My tasks: a person's open follow-ups by due date.
CREATE INDEX `client_activities_performer_follow_up_idx` ON `client_activities` (`performed_by_id`,`follow_up_completed`,`follow_up_date`);
