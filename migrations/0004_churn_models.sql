CREATE TABLE `churn_models` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`trained_at` text NOT NULL,
	`anchor_date` text NOT NULL,
	`model` text NOT NULL,
	`backtest` text,
	`training_rows` integer NOT NULL,
	`training_churns` integer NOT NULL,
	`is_current` integer DEFAULT false NOT NULL,
	`trigger` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `churn_models_version_unique` ON `churn_models` (`version`);--> statement-breakpoint
CREATE INDEX `churn_models_current_idx` ON `churn_models` (`is_current`);