-- Sercotec's per-line observations on a preliminary are written in the same transaction as the
-- observaciones event that sends them (the engine's step, as FOCALIZACION_DB_MOTOR): both are kept
-- or neither, where before the rows were written afterwards by the API's role and a crash between
-- the two lost them. The engine's role may now add them (never change them: the archive's triggers
-- refuse UPDATE and DELETE). Otherwise as 0010.
CREATE OR REPLACE FUNCTION conceder_motor_ciclo(motor_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON directorio, plantillas TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON oficio_series, oficios, correos, focalizaciones TO %I', motor_role);
    EXECUTE format('GRANT SELECT, INSERT ON documentos, focalizacion_observaciones TO %I', motor_role);
    EXECUTE format('GRANT SELECT ON focalizacion_versiones TO %I', motor_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE directorio_id_seq, correos_id_seq, focalizaciones_id_seq, documentos_id_seq, focalizacion_observaciones_id_seq TO %I', motor_role);
    PERFORM conceder_todas_las_regiones(t, motor_role)
        FROM unnest(ARRAY['directorio', 'oficios', 'correos', 'focalizaciones', 'documentos', 'focalizacion_versiones', 'focalizacion_observaciones']::regclass[]) AS t;
END;
$$;
REVOKE EXECUTE ON FUNCTION conceder_motor_ciclo(text) FROM PUBLIC;
