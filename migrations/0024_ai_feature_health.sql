-- AI feature health (issue 18): per feature (ai_interactions.kind) the last successful model
-- call, the last error and the 24-hour fallback rate are read on every /system/ai request.
CREATE INDEX `ai_interactions_kind_at_idx` ON `ai_interactions` (`kind`, `at`);
