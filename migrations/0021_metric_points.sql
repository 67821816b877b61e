-- Operational metrics (issue 20, point 7): every data point the Worker sends to Workers Analytics
-- Engine is also kept here, so the admin system page (/admin/system) reads the same figures
-- locally and in production without an Analytics Engine API token in the Worker
-- (docs/decisions/017-request-hygiene-dev-identity-and-observability.md). Pruned after 30 days.
CREATE TABLE metric_points (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL CHECK (name IN ('recalc_duration_ms', 'queue_lag_ms', 'dead_letter_depth', 'crm_failure', 'ai_fallback')),
  label TEXT NOT NULL DEFAULT '',
  value REAL NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX metric_points_name_at_idx ON metric_points (name, at);
CREATE INDEX metric_points_at_idx ON metric_points (at);
