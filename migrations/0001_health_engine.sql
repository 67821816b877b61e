ALTER TABLE `client_health_scores` ADD `component_details` text;--> statement-breakpoint
ALTER TABLE `health_score_configs` ADD `applies_to_client_id` text REFERENCES clients(id);