-- What the running service's role (FOCALIZACION_DB_MOTOR; the engine's 0013) may do on the
-- cycle's tables, as its handlers and start-up write them: the directory and the templates are
-- seeded, assigned and restored (rows replaced and removed); oficios are numbered (their series
-- upserted), sent and archived; mails are upserted and their state updated; outcomes recorded.
-- The archive (documentos) only grows, as its triggers keep it; the focalizaciones submitted and
-- Sercotec's observations are read by the conformity check, and written by the API's role only.
-- The web form's drafts are the API's role's alone. Every regional table gets its permissive
-- policy, so the engine sees every region.
CREATE FUNCTION conceder_motor_ciclo(motor_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON directorio, plantillas TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON oficio_series, oficios, correos, focalizaciones TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT ON documentos TO %I', motor_role);
    EXECUTE format('GRANT SELECT ON focalizacion_versiones, focalizacion_observaciones TO %I', motor_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE directorio_id_seq, correos_id_seq, focalizaciones_id_seq, documentos_id_seq TO %I', motor_role);
    PERFORM conceder_todas_las_regiones(t, motor_role)
        FROM unnest(ARRAY['directorio', 'oficios', 'correos', 'focalizaciones', 'documentos', 'focalizacion_versiones', 'focalizacion_observaciones']::regclass[]) AS t;
END;
$$;
REVOKE EXECUTE ON FUNCTION conceder_motor_ciclo(text) FROM PUBLIC;
