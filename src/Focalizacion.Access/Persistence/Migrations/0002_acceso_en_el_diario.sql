-- Access events (logins, logouts, tokens, users) are journal lines of no instance, written by the
-- role that serves users: it may append those and only those (the journal stays append-only for
-- it: no UPDATE, DELETE or TRUNCATE, and it owns nothing). Reading them is for '*' (auditors,
-- administrators), as every line of no region.
CREATE POLICY acceso_sin_instancia ON journal FOR INSERT WITH CHECK (instance_id IS NULL AND region IS NULL);

CREATE OR REPLACE FUNCTION conceder_api_acceso(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON usuarios, tokens_de_acceso TO %I', api_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE usuarios_id_seq, tokens_de_acceso_id_seq TO %I', api_role);
    EXECUTE format('GRANT INSERT ON journal TO %I', api_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE journal_id_seq TO %I', api_role);
END;
$$;
