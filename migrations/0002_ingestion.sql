CREATE TABLE `feature_daily_usage` (
	`client_id` text NOT NULL,
	`feature_key` text NOT NULL,
	`date` text NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`client_id`, `feature_key`, `date`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feature_daily_usage_date_idx` ON `feature_daily_usage` (`date`);--> statement-breakpoint
CREATE TABLE `ingested_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` text NOT NULL,
	`user_id` text,
	`payload` text NOT NULL,
	`processed` integer DEFAULT false NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ingested_events_unprocessed_idx` ON `ingested_events` (`processed`,`client_id`);