-- Citizens' accounts (ACC-1, ACC-2) and what signing in needs (ACC-3 … ACC-7).
CREATE TABLE accounts
(
    id                    UUID PRIMARY KEY,
    phone                 TEXT        NOT NULL UNIQUE,
    snils                 TEXT        NOT NULL UNIQUE CHECK (snils ~ '^[0-9]{11}$'),
    inn                   TEXT CHECK (inn ~ '^[0-9]{12}$'),
    surname               TEXT        NOT NULL,
    given_name            TEXT        NOT NULL,
    patronymic            TEXT,
    birth_date            DATE        NOT NULL,
    passport_series       TEXT        NOT NULL CHECK (passport_series ~ '^[0-9]{4}$'),
    passport_number       TEXT        NOT NULL CHECK (passport_number ~ '^[0-9]{6}$'),
    address               TEXT        NOT NULL,
    state                 TEXT        NOT NULL CHECK (state IN ('REGISTERED', 'ACTIVE', 'CONFIRMED')),
    password_hash         TEXT        NOT NULL,
    password_version      INT         NOT NULL DEFAULT 1,
    password_changed_at   TIMESTAMPTZ NOT NULL,
    two_step_enabled      BOOLEAN     NOT NULL DEFAULT FALSE,
    two_step_method       TEXT        NOT NULL DEFAULT 'SMS' CHECK (two_step_method IN ('SMS', 'TOTP')),
    -- The TOTP secret sealed with AES-GCM under a server key; the database alone cannot read it.
    totp_secret_sealed    BYTEA,
    totp_last_step        BIGINT      NOT NULL DEFAULT 0,
    sign_in_alerts        BOOLEAN     NOT NULL DEFAULT TRUE,
    agreement_accepted_at TIMESTAMPTZ NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    activated_at          TIMESTAMPTZ,
    confirmed_at          TIMESTAMPTZ
);

-- Ten single-use backup codes per account, stored hashed.
CREATE TABLE backup_codes
(
    account_id UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position   INT         NOT NULL CHECK (position BETWEEN 0 AND 9),
    code_hash  TEXT        NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (account_id, position)
);

-- Codes sent by SMS (and later e-mail): hashed with their purpose and target, 5 tries each.
CREATE TABLE one_time_codes
(
    id          UUID PRIMARY KEY,
    purpose     TEXT        NOT NULL,
    target      TEXT        NOT NULL,
    account_id  UUID REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash   BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    consumed_at TIMESTAMPTZ
);
CREATE INDEX one_time_codes_by_target ON one_time_codes (purpose, target, created_at DESC);

-- Every SMS handed to the SMS port, for the per-phone and per-address limits.
CREATE TABLE sms_sent
(
    phone     TEXT        NOT NULL,
    source_ip TEXT,
    sent_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_sent_by_phone ON sms_sent (phone, sent_at);
CREATE INDEX sms_sent_by_ip ON sms_sent (source_ip, sent_at);

-- Wrong passwords and codes per account and per source address, and the waits they earned.
CREATE TABLE sign_in_throttles
(
    subject        TEXT PRIMARY KEY,
    failures       INT         NOT NULL DEFAULT 0,
    lockouts       INT         NOT NULL DEFAULT 0,
    locked_until   TIMESTAMPTZ,
    last_failure   TIMESTAMPTZ
);

-- «Журнал входов»: the last sign-ins of an account.
CREATE TABLE sign_in_journal
(
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    at         TIMESTAMPTZ NOT NULL,
    source_ip  TEXT,
    device     TEXT,
    result     TEXT        NOT NULL
);
CREATE INDEX sign_in_journal_by_account ON sign_in_journal (account_id, at DESC);

-- Devices an account has signed in from, to ask for a second factor on a new one.
CREATE TABLE known_devices
(
    account_id UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    device_id  TEXT        NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    last_seen  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, device_id)
);

-- Identity confirmation by a support operator who checks an uploaded passport scan (ACC-2).
CREATE TABLE identity_documents
(
    id           UUID PRIMARY KEY,
    account_id   UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    stored_name  TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    reviewer     TEXT,
    reason       TEXT,
    decided_at   TIMESTAMPTZ
);
CREATE INDEX identity_documents_pending ON identity_documents (status, uploaded_at);
