ALTER TABLE `client_activities` ADD `hubspot_engagement_type` text;--> statement-breakpoint
ALTER TABLE `client_activities` ADD `hubspot_associated_at` text;--> statement-breakpoint
ALTER TABLE `client_contacts` ADD `needs_review` integer DEFAULT false NOT NULL;