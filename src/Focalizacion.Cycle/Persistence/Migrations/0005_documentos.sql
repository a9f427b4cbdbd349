-- The immutable archive: every document the service keeps (each oficio's PDF, and later the
-- GOREs' uploads, the actas CORE and the exports), with its SHA-256, size, who stored it and
-- when. A row is never changed nor removed: a new version is a new row. The list of types is
-- DocumentTypes.All in the code (a test keeps both the same).
CREATE TABLE documentos (
    id                  bigserial   PRIMARY KEY,
    region              text        NOT NULL,
    anio_presupuestario integer,
    tipo                text        NOT NULL CHECK (tipo IN ('oficio-pdf', 'planilla-focalizacion', 'acta-core', 'focalizacion-exportada')),
    nombre              text        NOT NULL CHECK (length(nombre) BETWEEN 1 AND 255),
    media_type          text        NOT NULL CHECK (length(media_type) BETWEEN 1 AND 255),
    sha256              bytea       NOT NULL CHECK (length(sha256) = 32),
    tamano              bigint      NOT NULL CHECK (tamano >= 0),
    contenido           bytea       NOT NULL,
    subido_por          text        NOT NULL,
    subido_at           timestamptz NOT NULL,
    -- The database checks what the writer claims: the size and the hash are the content's.
    CONSTRAINT documentos_tamano_del_contenido CHECK (length(contenido) = tamano),
    CONSTRAINT documentos_hash_del_contenido CHECK (sha256(contenido) = sha256)
);
CREATE INDEX documentos_region ON documentos (region, anio_presupuestario);

-- Immutable for everyone, the owner included (as the journal is append-only).
CREATE FUNCTION documentos_es_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'el archivo de documentos es inmutable: no se permite % sobre documentos', TG_OP;
END;
$$;
CREATE TRIGGER documentos_no_update_delete BEFORE UPDATE OR DELETE ON documentos
    FOR EACH ROW EXECUTE FUNCTION documentos_es_inmutable();
CREATE TRIGGER documentos_no_truncate BEFORE TRUNCATE ON documentos
    FOR EACH STATEMENT EXECUTE FUNCTION documentos_es_inmutable();

-- A GORE stores and reads its own region's documents only (WITH CHECK: it cannot insert another's).
ALTER TABLE documentos ENABLE ROW LEVEL SECURITY;
CREATE POLICY por_region ON documentos USING (focalizacion_alcance_incluye(region)) WITH CHECK (focalizacion_alcance_incluye(region));

-- Each oficio's PDF, archived once (unique: a retried send finds it and adds no second row), and
-- its DocDigital folio and number, which the Oficina de Partes enters (the state's platform has
-- no API). The bounds are OficioDocDigital.MaxLength in the code.
ALTER TABLE oficios ADD COLUMN documento_id bigint UNIQUE REFERENCES documentos (id);
ALTER TABLE oficios ADD COLUMN docdigital_folio text CONSTRAINT oficios_docdigital_folio_largo CHECK (length(docdigital_folio) <= 100);
ALTER TABLE oficios ADD COLUMN docdigital_numero text CONSTRAINT oficios_docdigital_numero_largo CHECK (length(docdigital_numero) <= 100);

-- Entering the DocDigital fields is journaled by the API's role in the same transaction, as a line
-- of no instance but of the oficio's region, so that the region's readers see it.
CREATE POLICY docdigital_del_oficio ON journal FOR INSERT
    WITH CHECK (instance_id IS NULL AND kind = 'oficio-docdigital' AND focalizacion_alcance_incluye(region));

-- The API's role: besides reading the cycle's tables (0003), it stores and reads documents (never
-- changes one), and of an oficio changes only its DocDigital fields.
CREATE OR REPLACE FUNCTION conceder_api_ciclo(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT ON directorio, oficios, correos, plantillas, focalizaciones TO %I', api_role);
    EXECUTE format('GRANT SELECT, INSERT ON documentos TO %I', api_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE documentos_id_seq TO %I', api_role);
    EXECUTE format('GRANT UPDATE (docdigital_folio, docdigital_numero) ON oficios TO %I', api_role);
END;
$$;
