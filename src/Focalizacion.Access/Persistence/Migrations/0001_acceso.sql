-- The service's users (local accounts and people who log in through an external provider) and
-- their personal access tokens. The users table decides role and region; an external login only
-- says who the person is (RUN or e-mail). Passwords and tokens are stored hashed, never in clear.
CREATE TABLE usuarios (
    id                  bigserial   PRIMARY KEY,
    correo              text        NOT NULL,
    nombre              text        NOT NULL,
    run                 text,                   -- normalised "12345678-5"
    rol                 text        NOT NULL,
    region              text,                   -- ISO code, for the regional roles
    clave_hash          text,                   -- null: external login only
    activo              boolean     NOT NULL DEFAULT true,
    intentos_fallidos   integer     NOT NULL DEFAULT 0,
    bloqueado_hasta     timestamptz,
    creado_at           timestamptz NOT NULL,
    creado_por          text        NOT NULL,
    desactivado_at      timestamptz
);
CREATE UNIQUE INDEX usuarios_correo ON usuarios (lower(correo));
CREATE UNIQUE INDEX usuarios_run ON usuarios (run) WHERE run IS NOT NULL;

CREATE TABLE tokens_de_acceso (
    id              bigserial   PRIMARY KEY,
    usuario_id      bigint      NOT NULL REFERENCES usuarios (id),
    nombre          text        NOT NULL,
    prefijo         text        NOT NULL,       -- the first characters, shown in lists
    hash            bytea       NOT NULL UNIQUE, -- SHA-256 of the whole token
    creado_at       timestamptz NOT NULL,
    expira_at       timestamptz NOT NULL,
    ultimo_uso_at   timestamptz,
    revocado_at     timestamptz
);
CREATE INDEX tokens_de_acceso_usuario ON tokens_de_acceso (usuario_id);

-- The API's role reads and writes users and tokens (logins count failures, tokens record their
-- last use, administrators manage users); nothing is ever deleted: deactivating and revoking keep the record.
CREATE FUNCTION conceder_api_acceso(api_role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON usuarios, tokens_de_acceso TO %I', api_role);
    EXECUTE format('GRANT USAGE ON SEQUENCE usuarios_id_seq, tokens_de_acceso_id_seq TO %I', api_role);
END;
$$;
