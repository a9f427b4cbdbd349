-- Who acted, as authenticated: beside the actor's name and channel (0008), the user's role and
-- region and, over HTTP, the client's address. Lines written before have none.
ALTER TABLE journal ADD COLUMN actor_role text;
ALTER TABLE journal ADD COLUMN actor_region text;
ALTER TABLE journal ADD COLUMN client_address text;
CREATE INDEX journal_by_id_desc ON journal (id DESC);

-- What the API's role may do on the engine's tables: read them (through the policies a module
-- adds; see the cycle's 0003). Called by the service at start-up, as the owner, for the role it
-- serves users with. Nothing here writes, so the journal stays append-only for that role, and
-- the effect ledger stays the handlers' own.
CREATE FUNCTION conceder_api_motor(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', api_role);
    EXECUTE format('GRANT SELECT ON workflow_definitions, workflow_instances, bookmarks, timers, outbox, incidents, journal TO %I', api_role);
END;
$$;
