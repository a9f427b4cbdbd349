-- The Decreto 246 cycle's own records: who receives oficios and reminders, oficio numbering,
-- every email sent (keyed by the outbox idempotency key), admin-edited templates and the
-- outcome of each region's cycle.

-- Recipients by region and role; central roles have region NULL.
CREATE TABLE directorio (
    id              bigserial   PRIMARY KEY,
    region          text,
    rol             text        NOT NULL,
    nombre          text        NOT NULL,
    cargo           text        NOT NULL,
    correo          text        NOT NULL
);
CREATE UNIQUE INDEX directorio_unico ON directorio ((coalesce(region, '')), rol, correo);

-- One numbering series per issuing office and calendar year of issue.
CREATE TABLE oficio_series (
    emisor          text        NOT NULL,
    anio            integer     NOT NULL,
    ultimo          integer     NOT NULL,
    PRIMARY KEY (emisor, anio)
);

-- Every number handed out, with the idempotency key that asked for it: a retry finds its number here.
CREATE TABLE oficios (
    emisor          text        NOT NULL,
    anio            integer     NOT NULL,
    numero          integer     NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    region          text,
    hito            text        NOT NULL,
    emitido_at      timestamptz NOT NULL,
    PRIMARY KEY (emisor, anio, numero)
);

-- Every email, once per idempotency key: 'enviado' rows are never sent again.
CREATE TABLE correos (
    id                  bigserial   PRIMARY KEY,
    idempotency_key     text        NOT NULL UNIQUE,
    instance_id         uuid        NOT NULL,
    region              text        NOT NULL,
    anio_presupuestario integer     NOT NULL,
    tipo                text        NOT NULL CHECK (tipo IN ('oficio', 'recordatorio', 'aviso')),
    hito                text        NOT NULL,
    plantilla           text        NOT NULL,
    emisor              text,
    numero_oficio       integer,
    anio_oficio         integer,
    destinatarios       jsonb       NOT NULL,
    asunto              text        NOT NULL,
    message_id          text        NOT NULL,
    estado              text        NOT NULL CHECK (estado IN ('pendiente', 'enviado')),
    intentos            integer     NOT NULL DEFAULT 0,
    ultimo_error        text,
    respuesta_servidor  text,
    creado_at           timestamptz NOT NULL,
    enviado_at          timestamptz
);
CREATE INDEX correos_region ON correos (region, anio_presupuestario);

-- Admin edits of the email templates; a row here wins over the template shipped in the code.
CREATE TABLE plantillas (
    clave           text        PRIMARY KEY,
    asunto          text        NOT NULL,
    html            text        NOT NULL,
    texto           text        NOT NULL,
    actualizado_at  timestamptz NOT NULL,
    actualizado_por text        NOT NULL
);

-- How each region's cycle ended: the final focalización, the previous year's, or Sercotec's own.
CREATE TABLE focalizaciones (
    id                  bigserial   PRIMARY KEY,
    region              text        NOT NULL,
    anio_presupuestario integer     NOT NULL,
    resultado           text        NOT NULL CHECK (resultado IN ('focalizacion-final', 'focalizacion-anterior', 'definicion-sercotec')),
    registrado_at       timestamptz NOT NULL,
    idempotency_key     text        UNIQUE,
    instance_id         uuid,
    origen              text        NOT NULL
);
CREATE INDEX focalizaciones_region ON focalizaciones (region, anio_presupuestario);
