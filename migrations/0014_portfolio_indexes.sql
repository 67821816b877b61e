DROP INDEX `clients_csm_user_id_idx`;--> statement-breakpoint
DROP INDEX `clients_ae_user_id_idx`;--> statement-breakpoint
DROP INDEX `clients_contract_tier_idx`;--> statement-breakpoint
CREATE INDEX `clients_industry_cohort_idx` ON `clients` (`industry`,`account_status`,`current_health_score`);--> statement-breakpoint
CREATE INDEX `clients_priority_order_idx` ON `clients` (`account_status`,"attention_priority" IS NULL,"attention_priority" desc,`name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_csm_user_id_idx` ON `clients` (`csm_user_id`,`account_status`,"attention_priority" IS NULL,"attention_priority" desc,`name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_ae_user_id_idx` ON `clients` (`ae_user_id`,`account_status`,"attention_priority" IS NULL,"attention_priority" desc,`name`,`id`);--> statement-breakpoint
CREATE INDEX `clients_contract_tier_idx` ON `clients` (`contract_tier`,`account_status`,`current_health_score`);