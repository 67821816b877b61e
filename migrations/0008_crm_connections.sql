CREATE TABLE `crm_connections` (
	`provider` text PRIMARY KEY NOT NULL,
	`base_url` text NOT NULL,
	`login_url` text,
	`enabled` integer DEFAULT false NOT NULL,
	`auth_type` text NOT NULL,
	`field_mapping` text DEFAULT '{}' NOT NULL,
	`credentials_ciphertext` text NOT NULL,
	`credentials_iv` text NOT NULL,
	`credentials_updated_at` text NOT NULL,
	`updated_by_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`updated_by_id`) REFERENCES `ethico_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "crm_connections_provider_check" CHECK("provider" IN ('salesforce', 'hubspot'))
);
