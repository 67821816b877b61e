-- Issue 20: invariants held by the database instead of check-then-write in the Worker, and the
-- audit trail's refusal rows bounded (rate limit, retention). D1 runs a migration in one transaction.

-- 1. One active health-score configuration per scope. Parallel saves before this migration could
-- leave several active versions of one scope: keep the newest (the one the engine already used,
-- it orders by created_at) and retire the others, then let the index refuse a second one.
UPDATE `health_score_configs` SET `is_active` = 0, `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ','now')
WHERE `is_active` = 1 AND EXISTS (
  SELECT 1 FROM `health_score_configs` AS `n`
  WHERE `n`.`is_active` = 1 AND `n`.`id` <> `health_score_configs`.`id`
    AND `n`.`is_default` = `health_score_configs`.`is_default`
    AND coalesce(`n`.`applies_to_tier`, '') = coalesce(`health_score_configs`.`applies_to_tier`, '')
    AND coalesce(`n`.`applies_to_segment`, '') = coalesce(`health_score_configs`.`applies_to_segment`, '')
    AND coalesce(`n`.`applies_to_client_id`, '') = coalesce(`health_score_configs`.`applies_to_client_id`, '')
    AND (`n`.`created_at` > `health_score_configs`.`created_at` OR (`n`.`created_at` = `health_score_configs`.`created_at` AND `n`.`id` > `health_score_configs`.`id`))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `health_score_configs_one_active_per_scope` ON `health_score_configs` (`is_default`, coalesce(`applies_to_tier`, ''), coalesce(`applies_to_segment`, ''), coalesce(`applies_to_client_id`, '')) WHERE `is_active` = 1;
--> statement-breakpoint

-- 2. Alert settings: a version per scope row, for compare-and-set writes (409 on a stale version).
ALTER TABLE `alert_settings` ADD `version` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint

-- 3. Saved views: a name once per user (case-insensitive). Duplicates left by parallel saves get
-- their id appended, so nothing is deleted.
UPDATE `saved_views` SET `name` = `name` || ' (' || `id` || ')'
WHERE EXISTS (
  SELECT 1 FROM `saved_views` AS `o`
  WHERE `o`.`user_id` = `saved_views`.`user_id` AND lower(`o`.`name`) = lower(`saved_views`.`name`)
    AND (`o`.`created_at` < `saved_views`.`created_at` OR (`o`.`created_at` = `saved_views`.`created_at` AND `o`.`id` < `saved_views`.`id`))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_views_user_name_unique` ON `saved_views` (`user_id`, lower(`name`));
--> statement-breakpoint

-- 4. Audit refusals: per caller and minute, how many refusals there were (rows written and
-- suppressed alike); only the first few each minute become audit rows (decision 016).
CREATE TABLE `audit_refusal_counts` (
	`caller` text NOT NULL,
	`minute` text NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`caller`, `minute`)
);
--> statement-breakpoint
CREATE INDEX `audit_refusal_counts_minute_idx` ON `audit_refusal_counts` (`minute`);
--> statement-breakpoint

-- 5. The trail stays append-only except for one statement: the retention run deleting refusal
-- rows (DENIED, NOT_FOUND, INVALID) older than a year by the database's own clock (decision 016).
DROP TRIGGER IF EXISTS `audit_log_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN NOT (OLD.`outcome` IN ('DENIED', 'NOT_FOUND', 'INVALID') AND OLD.`at` < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 year'))
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: only refusal rows older than a year can be deleted');
END;
