CREATE TABLE `crm_sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`provider` text NOT NULL,
	`field` text NOT NULL,
	`ethico_value` text,
	`crm_value` text,
	`winner` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "crm_sync_conflicts_provider_check" CHECK("provider" IN ('salesforce', 'hubspot'))
);
--> statement-breakpoint
CREATE INDEX `crm_sync_conflicts_client_idx` ON `crm_sync_conflicts` (`client_id`,`at`);