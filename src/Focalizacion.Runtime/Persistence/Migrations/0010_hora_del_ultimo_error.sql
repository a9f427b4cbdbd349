-- When `last_error` happened: health checks report the latest failure and how long ago it was.
-- Failures recorded before have none.
ALTER TABLE outbox ADD COLUMN last_error_at timestamptz;
