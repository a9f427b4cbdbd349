-- The web form's drafts of a focalización (issue 14): what a GORE typed for one stage of one budget
-- year, saved incomplete as often as it likes and checked only when submitted (then it becomes a
-- version of focalizacion_versiones and the draft is removed). One per region, year and stage; the
-- acta CORE's PDF rides along until the final is submitted. Bounds: FocalizacionDraft.MaxLines, the
-- workbook's characters per cell and the archive's 20 MB (DocumentArchive.DefaultMaxBytes) in the code.
CREATE TABLE focalizacion_borradores (
    region              text        NOT NULL,
    anio_presupuestario integer     NOT NULL,
    etapa               text        NOT NULL CHECK (etapa IN ('preliminar', 'final')),
    contenido           jsonb       NOT NULL,
    acta_nombre         text        CHECK (length(acta_nombre) BETWEEN 1 AND 255),
    acta_contenido      bytea       CHECK (length(acta_contenido) <= 20971520),
    guardado_por        text        NOT NULL,
    guardado_at         timestamptz NOT NULL,
    PRIMARY KEY (region, anio_presupuestario, etapa),
    CONSTRAINT focalizacion_borradores_acta_con_nombre CHECK ((acta_nombre IS NULL) = (acta_contenido IS NULL))
);

-- A GORE sees and writes its own region's drafts only.
ALTER TABLE focalizacion_borradores ENABLE ROW LEVEL SECURITY;
CREATE POLICY por_region ON focalizacion_borradores USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));

-- The API's role saves, replaces and removes drafts (under the policy above), besides what 0006 gave it.
CREATE OR REPLACE FUNCTION conceder_api_ciclo(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT ON directorio, oficios, correos, plantillas, focalizaciones TO %I', api_role);
    EXECUTE format('GRANT SELECT, INSERT ON documentos, focalizacion_versiones, focalizacion_observaciones TO %I', api_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE documentos_id_seq, focalizacion_versiones_id_seq, focalizacion_observaciones_id_seq TO %I', api_role);
    EXECUTE format('GRANT UPDATE (docdigital_folio, docdigital_numero) ON oficios TO %I', api_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON focalizacion_borradores TO %I', api_role);
END;
$$;
