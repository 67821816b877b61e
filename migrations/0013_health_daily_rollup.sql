CREATE TABLE `health_daily_rollup` (
	`date` text NOT NULL,
	`contract_tier` text NOT NULL,
	`clients` integer NOT NULL,
	`score_sum` integer NOT NULL,
	`green` integer NOT NULL,
	`yellow` integer NOT NULL,
	`orange` integer NOT NULL,
	`red` integer NOT NULL,
	PRIMARY KEY(`date`, `contract_tier`)
);
--> statement-breakpoint
CREATE INDEX `client_activities_open_follow_up_idx` ON `client_activities` (`follow_up_completed`,`follow_up_date`);--> statement-breakpoint
INSERT INTO health_daily_rollup (date, contract_tier, clients, score_sum, green, yellow, orange, red) SELECT h.date, c.contract_tier, count(*), sum(h.overall_score), sum(h.overall_score >= 80), sum(h.overall_score >= 60 AND h.overall_score < 80), sum(h.overall_score >= 40 AND h.overall_score < 60), sum(h.overall_score < 40) FROM client_health_scores h JOIN clients c ON c.id = h.client_id GROUP BY h.date, c.contract_tier;
