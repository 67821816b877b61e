ALTER TABLE `ai_interactions` ADD `provider` text DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE `ai_interactions` ADD `input_tokens` integer;--> statement-breakpoint
ALTER TABLE `ai_interactions` ADD `output_tokens` integer;