-- The registry of agencies («ведомства») and their information systems (GW-1), and the OAuth 2.0
-- client credentials each system authenticates with. A credential's secret is kept only as an
-- Argon2id hash; it is shown to the administrator once, when issued.
CREATE TABLE agencies
(
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 3 AND 300),
    short_name TEXT        NOT NULL CHECK (length(short_name) BETWEEN 2 AND 100),
    ogrn       TEXT        NOT NULL UNIQUE CHECK (ogrn ~ '^[0-9]{13}$'),
    inn        TEXT        NOT NULL UNIQUE CHECK (inn ~ '^[0-9]{10}$'),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE systems
(
    id         UUID PRIMARY KEY,
    agency_id  UUID        NOT NULL REFERENCES agencies (id),
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (agency_id, name)
);

-- A credential is never deleted: revoking stamps revoked_at, so the audit log's references stay
-- resolvable and a client id is never handed out twice.
CREATE TABLE credentials
(
    id          UUID PRIMARY KEY,
    system_id   UUID        NOT NULL REFERENCES systems (id),
    client_id   TEXT        NOT NULL UNIQUE CHECK (client_id ~ '^[a-z0-9-]{8,64}$'),
    secret_hash TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('LIVE', 'TEST')),
    scopes      TEXT[]      NOT NULL CHECK (cardinality(scopes) > 0),
    issued_at   TIMESTAMPTZ NOT NULL,
    issued_by   TEXT        NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  TEXT,
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX credentials_by_system ON credentials (system_id, issued_at);
