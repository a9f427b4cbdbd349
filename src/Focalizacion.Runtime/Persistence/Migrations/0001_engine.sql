-- The workflow engine's store: versioned definitions, instances with their state, timers as rows,
-- the outbox of effects, incidents, and the append-only journal.

CREATE TABLE workflow_definitions (
    id              bigserial PRIMARY KEY,
    process_key     text        NOT NULL,
    version         integer,                -- null while draft; 1, 2, … once published
    status          text        NOT NULL CHECK (status IN ('Draft', 'Published', 'Retired')),
    name            text,
    bpmn_xml        text        NOT NULL,   -- exactly what the admin uploaded: layout and extensions intact
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    published_at    timestamptz,
    UNIQUE (process_key, version)
);

CREATE TABLE workflow_instances (
    id              uuid        PRIMARY KEY,
    definition_id   bigint      NOT NULL REFERENCES workflow_definitions (id),
    status          text        NOT NULL,
    region          text,
    budget_year     integer,
    state           jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    step_count      bigint      NOT NULL DEFAULT 0
);
CREATE INDEX workflow_instances_correlation ON workflow_instances (region, budget_year) WHERE status IN ('Running', 'Suspended');

-- What each token waits for, rebuilt from the state at every step: answers "who waits for what".
CREATE TABLE bookmarks (
    instance_id     uuid        NOT NULL REFERENCES workflow_instances (id),
    token_id        text        NOT NULL,
    node_id         text        NOT NULL,
    kind            text        NOT NULL,
    key             text,
    PRIMARY KEY (instance_id, token_id)
);
CREATE INDEX bookmarks_message ON bookmarks (kind, key);

CREATE TABLE timers (
    id              bigserial   PRIMARY KEY,
    instance_id     uuid        NOT NULL REFERENCES workflow_instances (id),
    timer_id        text        NOT NULL,   -- the engine's id within the instance ("t3")
    node_id         text        NOT NULL,
    rule            text        NOT NULL,   -- the timer text it was computed from
    due_at          timestamptz NOT NULL,
    state           text        NOT NULL CHECK (state IN ('Pending', 'Fired', 'Cancelled')),
    created_at      timestamptz NOT NULL,
    fired_at        timestamptz,
    lateness        interval,
    UNIQUE (instance_id, timer_id)
);
CREATE INDEX timers_due ON timers (due_at) WHERE state = 'Pending';

CREATE TABLE outbox (
    id              bigserial   PRIMARY KEY,
    instance_id     uuid        NOT NULL REFERENCES workflow_instances (id),
    idempotency_key text        NOT NULL UNIQUE,
    handler         text        NOT NULL,
    node_id         text        NOT NULL,
    payload         jsonb       NOT NULL,
    state           text        NOT NULL CHECK (state IN ('Pending', 'Delivered', 'Incident', 'Skipped', 'Withdrawn')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'Pending';

CREATE TABLE incidents (
    id              bigserial   PRIMARY KEY,
    instance_id     uuid        NOT NULL REFERENCES workflow_instances (id),
    token_id        text        NOT NULL,
    node_id         text        NOT NULL,
    outbox_id       bigint      REFERENCES outbox (id),
    reason          text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('Open', 'Retried', 'Skipped')),
    created_at      timestamptz NOT NULL,
    resolved_at     timestamptz,
    resolved_by     text
);

CREATE TABLE journal (
    id              bigserial   PRIMARY KEY,
    instance_id     uuid,
    at              timestamptz NOT NULL,   -- the injected clock's reading
    recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor           text        NOT NULL,
    kind            text        NOT NULL,
    activity        text,
    event           text,
    details         text        NOT NULL
);
CREATE INDEX journal_instance ON journal (instance_id, id);

-- The journal is append-only for everyone, the application included.
CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'el diario es de solo agregado: no se permite % sobre journal', TG_OP;
END;
$$;
CREATE TRIGGER journal_no_update_delete BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_is_append_only();
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION journal_is_append_only();

-- Effects of the built-in "registrar" handler: one row per idempotency key, whatever the retries.
CREATE TABLE effect_ledger (
    idempotency_key text        PRIMARY KEY,
    instance_id     uuid        NOT NULL,
    node_id         text        NOT NULL,
    handler         text        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    deliveries      integer     NOT NULL DEFAULT 1
);
