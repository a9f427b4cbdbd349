-- The running service's writes (the engine's steps, the handlers, Hangfire) are not the tables'
-- owner's: a role of their own (FOCALIZACION_DB_MOTOR, focalizacion_motor locally) owns nothing,
-- cannot bypass row-level security and holds exactly the DML granted here and in each module's
-- conceder_motor_* function. The service calls them at start-up, as the owner, after the
-- migrations and Hangfire's tables are installed; the owner is then used for nothing else.

-- Row-level security stays on for that role, as for every role but the owner; since the engine
-- fires the timers and delivers the effects of every region, one permissive policy per regional
-- table lets it (and only it) see and write all of them. Created only when missing, so a start-up
-- changes no table that is already as it should be.
CREATE FUNCTION conceder_todas_las_regiones(tabla regclass, rol text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_policy p JOIN pg_roles r ON r.oid = ANY (p.polroles)
                   WHERE p.polrelid = tabla AND p.polname = 'motor_todas_las_regiones' AND r.rolname = rol) THEN
        EXECUTE format('DROP POLICY IF EXISTS motor_todas_las_regiones ON %s', tabla);
        EXECUTE format('CREATE POLICY motor_todas_las_regiones ON %s TO %I USING (true) WITH CHECK (true)', tabla, rol);
    END IF;
END;
$$;

-- The engine's tables and Hangfire's. The journal: INSERT and SELECT only (with its trigger it
-- stays append-only: no UPDATE, DELETE or TRUNCATE, and no right to disable the trigger, which
-- only the owner has). Definitions are imported, published and retired, never removed; instances,
-- timers, outbox and incidents are inserted and updated, never removed. Hangfire's runtime
-- storage reads, writes and removes its own rows (jobs, queues, locks, servers) and uses its
-- sequences; it runs no DDL (PrepareSchemaIfNecessary is off: the owner installs the schema).
CREATE FUNCTION conceder_motor_motor(motor_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON workflow_definitions, workflow_instances, timers, outbox, incidents TO %I', motor_role);
    EXECUTE format('GRANT SELECT ON bookmarks TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT ON journal TO %I', motor_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE workflow_definitions_id_seq, timers_id_seq, outbox_id_seq, incidents_id_seq, journal_id_seq TO %I', motor_role);
    PERFORM conceder_todas_las_regiones(t, motor_role)
        FROM unnest(ARRAY['workflow_instances', 'timers', 'outbox', 'incidents', 'journal']::regclass[]) AS t;
    EXECUTE format('GRANT USAGE ON SCHEMA hangfire TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hangfire TO %I', motor_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA hangfire TO %I', motor_role);
END;
$$;

-- Granting is the owner's: no other role runs these (a function is everyone's to call by default).
REVOKE EXECUTE ON FUNCTION conceder_todas_las_regiones(regclass, text), conceder_motor_motor(text) FROM PUBLIC;
