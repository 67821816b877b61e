-- The churn risk category is stored with the score (issue 17): it depends on the whole book
-- (the riskiest tenth is High, docs/decisions/014), so it is decided once when a client is
-- scored and every page, API, chat answer and briefing reads the same value.
ALTER TABLE `clients` ADD `churn_risk_category` text CHECK (`churn_risk_category` IN ('LOW', 'MEDIUM', 'HIGH'));
