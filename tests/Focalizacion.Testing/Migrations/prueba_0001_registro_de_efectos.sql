-- The test module's own table: what the "registrar" test handler did, one row per idempotency
-- key, with how many times its handler ran (exactly-once means deliveries = 1).
CREATE TABLE IF NOT EXISTS effect_ledger (
    idempotency_key text        PRIMARY KEY,
    instance_id     uuid        NOT NULL,
    node_id         text        NOT NULL,
    handler         text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    deliveries      integer     NOT NULL DEFAULT 1
);
