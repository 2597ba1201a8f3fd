-- Citizens' e-mail addresses (CNT-1 … CNT-4). account_id is the identity module's account id;
-- modules do not share foreign keys, so removing an account removes its addresses by event.
CREATE TABLE email_addresses
(
    id               UUID PRIMARY KEY,
    account_id       UUID        NOT NULL,
    kind             TEXT        NOT NULL CHECK (kind IN ('PRIMARY', 'BACKUP')),
    address          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('UNCONFIRMED', 'CONFIRMED', 'SUSPENDED')),
    created_at       TIMESTAMPTZ NOT NULL,
    confirmed_at     TIMESTAMPTZ,
    suspended_at     TIMESTAMPTZ,
    suspended_reason TEXT
);
-- One address of a kind in force, and at most one waiting to replace it (CNT-4: the old one stays
-- in force until the new one is confirmed).
CREATE UNIQUE INDEX email_addresses_in_force ON email_addresses (account_id, kind) WHERE status <> 'UNCONFIRMED';
CREATE UNIQUE INDEX email_addresses_waiting ON email_addresses (account_id, kind) WHERE status = 'UNCONFIRMED';
CREATE INDEX email_addresses_by_address ON email_addresses (lower(address));

-- The live confirmation of a waiting address: a 6-digit code (10 minutes, 5 tries) and a
-- one-time link (24 hours), both stored hashed.
CREATE TABLE email_confirmations
(
    address_id      UUID PRIMARY KEY REFERENCES email_addresses (id) ON DELETE CASCADE,
    code_hash       TEXT        NOT NULL,
    token_hash      TEXT        NOT NULL UNIQUE,
    sent_at         TIMESTAMPTZ NOT NULL,
    code_expires_at TIMESTAMPTZ NOT NULL,
    link_expires_at TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0
);
