CREATE TABLE `crm_dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`error` text,
	`attempts` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `crm_sync_state` (
	`client_id` text NOT NULL,
	`provider` text NOT NULL,
	`last_pushed` text,
	`last_push_at` text,
	`last_error` text,
	`last_error_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`client_id`, `provider`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "crm_sync_state_provider_check" CHECK("provider" IN ('salesforce', 'hubspot'))
);
