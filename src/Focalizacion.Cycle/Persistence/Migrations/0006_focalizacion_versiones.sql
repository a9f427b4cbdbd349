-- The focalización itself (issue 14): each version a GORE submits, preliminary or final, kept
-- whole and never overwritten (a corrected final is a new row), with the workbook it came in and
-- the acta CORE in the archive (documentos); and Sercotec's observations on a preliminary, per line.
CREATE TABLE focalizacion_versiones (
    id                  bigserial   PRIMARY KEY,
    region              text        NOT NULL,
    anio_presupuestario integer     NOT NULL,
    etapa               text        NOT NULL CHECK (etapa IN ('preliminar', 'final')),
    version             integer     NOT NULL CHECK (version > 0),
    contenido           jsonb       NOT NULL,
    -- What the conformity rules found when it was submitted (a list of Spanish observations).
    observaciones       jsonb       NOT NULL,
    planilla_id         bigint      REFERENCES documentos (id),
    acta_id             bigint      REFERENCES documentos (id),
    enviada_por         text        NOT NULL,
    enviada_at          timestamptz NOT NULL,
    UNIQUE (region, anio_presupuestario, etapa, version)
);

CREATE FUNCTION focalizacion_es_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'lo enviado no se modifica ni se borra: no se permite % sobre %', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER focalizacion_versiones_inmutables BEFORE UPDATE OR DELETE ON focalizacion_versiones
    FOR EACH ROW EXECUTE FUNCTION focalizacion_es_inmutable();
CREATE TRIGGER focalizacion_versiones_sin_truncar BEFORE TRUNCATE ON focalizacion_versiones
    FOR EACH STATEMENT EXECUTE FUNCTION focalizacion_es_inmutable();

CREATE TABLE focalizacion_observaciones (
    id          bigserial   PRIMARY KEY,
    version_id  bigint      NOT NULL REFERENCES focalizacion_versiones (id),
    region      text        NOT NULL,
    linea       integer     NOT NULL CHECK (linea > 0),
    texto       text        NOT NULL CHECK (length(texto) BETWEEN 1 AND 2000),
    autor       text        NOT NULL,
    creada_at   timestamptz NOT NULL
);
CREATE INDEX focalizacion_observaciones_version ON focalizacion_observaciones (version_id, linea, id);
CREATE TRIGGER focalizacion_observaciones_inmutables BEFORE UPDATE OR DELETE ON focalizacion_observaciones
    FOR EACH ROW EXECUTE FUNCTION focalizacion_es_inmutable();

ALTER TABLE focalizacion_versiones     ENABLE ROW LEVEL SECURITY;
ALTER TABLE focalizacion_observaciones ENABLE ROW LEVEL SECURITY;
CREATE POLICY por_region ON focalizacion_versiones     USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));
CREATE POLICY por_region ON focalizacion_observaciones USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));

-- How a cycle ended now also says which focalización applies: the final's version, or, for the
-- fallback, the version that applied the year before (recorded by the handler, copied here).
ALTER TABLE focalizaciones ADD COLUMN version_id bigint REFERENCES focalizacion_versiones (id);

-- The API's role stores what a GORE submits and what Sercotec observes, under the policies above
-- (a region's team inserts only its region's rows), and never changes or removes them.
CREATE OR REPLACE FUNCTION conceder_api_ciclo(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT ON directorio, oficios, correos, plantillas, focalizaciones TO %I', api_role);
    EXECUTE format('GRANT SELECT, INSERT ON documentos, focalizacion_versiones, focalizacion_observaciones TO %I', api_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE documentos_id_seq, focalizacion_versiones_id_seq, focalizacion_observaciones_id_seq TO %I', api_role);
    EXECUTE format('GRANT UPDATE (docdigital_folio, docdigital_numero) ON oficios TO %I', api_role);
END;
$$;
