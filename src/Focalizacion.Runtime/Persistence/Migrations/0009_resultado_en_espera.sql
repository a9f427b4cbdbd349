-- An effect whose handler succeeded while its instance was suspended keeps the handler's outputs
-- in `result` and stays pending: deliveries skip suspended instances, and once the instance is
-- resumed the outputs are applied to it without running the handler again.
ALTER TABLE outbox ADD COLUMN result jsonb;
