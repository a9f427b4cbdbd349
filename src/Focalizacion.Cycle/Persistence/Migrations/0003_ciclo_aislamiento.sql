-- Each region's data is isolated in the database, not only in the application: row-level
-- security on every table that holds a region's rows, for every role but the owner (the engine,
-- the handlers and migrations, which see everything). The API's role reads through these
-- policies with the caller's scope set per transaction (focalizacion.alcance: '*' or 'NB,BI');
-- a transaction without it sees no row at all.

-- An instance's region is the first part of the correlation key the cycle gives it ("NB/2027"):
-- the engine knows only the key; the cycle, whose key it is, adds the column.
ALTER TABLE workflow_instances ADD COLUMN region text GENERATED ALWAYS AS (nullif(split_part(correlation_key, '/', 1), '')) STORED;
CREATE INDEX workflow_instances_by_region ON workflow_instances (region);

-- Tables whose region is only reachable through their instance get it copied when a row is
-- written, so each policy is one indexed column test, not a join.
ALTER TABLE timers    ADD COLUMN region text;
ALTER TABLE outbox    ADD COLUMN region text;
ALTER TABLE incidents ADD COLUMN region text;
ALTER TABLE journal   ADD COLUMN region text;

UPDATE timers t    SET region = i.region FROM workflow_instances i WHERE i.id = t.instance_id;
UPDATE outbox o    SET region = i.region FROM workflow_instances i WHERE i.id = o.instance_id;
UPDATE incidents x SET region = i.region FROM workflow_instances i WHERE i.id = x.instance_id;

-- The journal refuses UPDATE; its old lines get their region through a trigger-free pass.
ALTER TABLE journal DISABLE TRIGGER journal_no_update_delete;
UPDATE journal j SET region = i.region FROM workflow_instances i WHERE i.id = j.instance_id;
ALTER TABLE journal ENABLE TRIGGER journal_no_update_delete;

CREATE FUNCTION copy_instance_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.region IS NULL AND NEW.instance_id IS NOT NULL THEN
        SELECT region INTO NEW.region FROM workflow_instances WHERE id = NEW.instance_id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER timers_region    BEFORE INSERT ON timers    FOR EACH ROW EXECUTE FUNCTION copy_instance_region();
CREATE TRIGGER outbox_region    BEFORE INSERT ON outbox    FOR EACH ROW EXECUTE FUNCTION copy_instance_region();
CREATE TRIGGER incidents_region BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION copy_instance_region();
CREATE TRIGGER journal_region   BEFORE INSERT ON journal   FOR EACH ROW EXECUTE FUNCTION copy_instance_region();

CREATE INDEX timers_by_region    ON timers (region);
CREATE INDEX outbox_by_region    ON outbox (region);
CREATE INDEX incidents_by_region ON incidents (region);
CREATE INDEX journal_by_region   ON journal (region, id);

-- Whether a row of this region is inside the transaction's scope. Rows of no region (test
-- workflows, definitions' journal lines) only for '*'.
CREATE FUNCTION focalizacion_alcance_incluye(row_region text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE coalesce(current_setting('focalizacion.alcance', true), '')
        WHEN '*' THEN true
        WHEN '' THEN false
        ELSE row_region = ANY (string_to_array(current_setting('focalizacion.alcance', true), ','))
    END
$$;

ALTER TABLE workflow_instances ENABLE ROW LEVEL SECURITY;
ALTER TABLE timers             ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox             ENABLE ROW LEVEL SECURITY;
ALTER TABLE incidents          ENABLE ROW LEVEL SECURITY;
ALTER TABLE journal            ENABLE ROW LEVEL SECURITY;
CREATE POLICY por_region ON workflow_instances USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON timers             USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON outbox             USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON incidents          USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
-- The journal's is for reading only: no role but the owner writes a line of an instance (the
-- access module lets the API's role append lines of no instance, and nothing else).
CREATE POLICY por_region ON journal FOR SELECT USING (focalizacion_alcance_incluye(region));
-- The effect ledger is the handlers' own: no policy, so no other role sees a row of it.

-- "Who waits for what" reads workflow_instances with the reader's rights, so its policy applies.
ALTER VIEW bookmarks SET (security_invoker = true);

-- The cycle's own tables.
ALTER TABLE correos        ENABLE ROW LEVEL SECURITY;
ALTER TABLE oficios        ENABLE ROW LEVEL SECURITY;
ALTER TABLE focalizaciones ENABLE ROW LEVEL SECURITY;
ALTER TABLE directorio     ENABLE ROW LEVEL SECURITY;
CREATE POLICY por_region ON correos        USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON oficios        USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON focalizaciones USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON directorio     USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));

-- What the API's role may do on the cycle's tables: read them. Numbering series stay the handlers'.
CREATE FUNCTION conceder_api_ciclo(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT ON directorio, oficios, correos, plantillas, focalizaciones TO %I', api_role);
END;
$$;
