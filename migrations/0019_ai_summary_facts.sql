-- Issue 18.4: a stored AI summary keeps the facts it was written from (health, band, churn risk,
-- last contact, the open alerts it cited), so a page can tell when the text no longer matches the
-- header beside it and rewrite it from the current facts.
ALTER TABLE `clients` ADD COLUMN `ai_summary_facts` text;
