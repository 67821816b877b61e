CREATE TABLE `crm_opportunities` (
	`provider` text NOT NULL,
	`crm_id` text NOT NULL,
	`client_id` text NOT NULL,
	`name` text NOT NULL,
	`stage` text,
	`amount` real,
	`close_date` text,
	`is_closed` integer DEFAULT false NOT NULL,
	`modified_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`provider`, `crm_id`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crm_opportunities_client_idx` ON `crm_opportunities` (`client_id`,`is_closed`);--> statement-breakpoint
ALTER TABLE `crm_connections` ADD `last_pull_at` text;--> statement-breakpoint
ALTER TABLE `crm_connections` ADD `last_pull_error` text;