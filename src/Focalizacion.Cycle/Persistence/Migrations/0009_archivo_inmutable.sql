-- The archive's tables (documentos, focalizacion_versiones, focalizacion_observaciones) refused
-- changes through two trigger functions that differed only in their message; one function now
-- guards them all and names the table and the operation it refused.
CREATE FUNCTION archivo_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'el archivo es inmutable: lo guardado no se modifica ni se borra (se rechazó % sobre %)', TG_OP, TG_TABLE_NAME;
END;
$$;

DROP TRIGGER documentos_no_update_delete ON documentos;
DROP TRIGGER documentos_no_truncate ON documentos;
DROP TRIGGER focalizacion_versiones_inmutables ON focalizacion_versiones;
DROP TRIGGER focalizacion_versiones_sin_truncar ON focalizacion_versiones;
DROP TRIGGER focalizacion_observaciones_inmutables ON focalizacion_observaciones;
DROP FUNCTION documentos_es_inmutable();
DROP FUNCTION focalizacion_es_inmutable();

CREATE TRIGGER documentos_inmutables BEFORE UPDATE OR DELETE ON documentos
    FOR EACH ROW EXECUTE FUNCTION archivo_inmutable();
CREATE TRIGGER documentos_sin_truncar BEFORE TRUNCATE ON documentos
    FOR EACH STATEMENT EXECUTE FUNCTION archivo_inmutable();
CREATE TRIGGER focalizacion_versiones_inmutables BEFORE UPDATE OR DELETE ON focalizacion_versiones
    FOR EACH ROW EXECUTE FUNCTION archivo_inmutable();
CREATE TRIGGER focalizacion_versiones_sin_truncar BEFORE TRUNCATE ON focalizacion_versiones
    FOR EACH STATEMENT EXECUTE FUNCTION archivo_inmutable();
CREATE TRIGGER focalizacion_observaciones_inmutables BEFORE UPDATE OR DELETE ON focalizacion_observaciones
    FOR EACH ROW EXECUTE FUNCTION archivo_inmutable();
-- Observations had no guard against TRUNCATE (the owner could empty them at once).
CREATE TRIGGER focalizacion_observaciones_sin_truncar BEFORE TRUNCATE ON focalizacion_observaciones
    FOR EACH STATEMENT EXECUTE FUNCTION archivo_inmutable();
