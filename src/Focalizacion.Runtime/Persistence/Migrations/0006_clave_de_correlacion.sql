-- The engine does not know what a region or a budget year is: an instance is found by an opaque
-- correlation key its host gives it at start (the cycle uses "NB/2027"). The region and
-- budget_year columns it replaces were the cycle's vocabulary inside the engine's table.

ALTER TABLE workflow_instances ADD COLUMN correlation_key text;
UPDATE workflow_instances SET correlation_key = region || '/' || budget_year WHERE region IS NOT NULL AND budget_year IS NOT NULL;
DROP INDEX workflow_instances_correlation;
ALTER TABLE workflow_instances DROP COLUMN region, DROP COLUMN budget_year;
CREATE INDEX workflow_instances_correlation ON workflow_instances (correlation_key, created_at);
