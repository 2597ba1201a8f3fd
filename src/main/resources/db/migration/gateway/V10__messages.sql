-- Messages agencies sent through the API (GW-2, GW-3): what the sender may ask about later. The
-- content itself lives in the citizen's mailbox (encrypted); here only the routing facts and the
-- status with its times. Test credentials' messages stop here (sandbox = true) and reach no mailbox.
CREATE SEQUENCE registration_numbers;

CREATE TABLE messages
(
    id                  UUID PRIMARY KEY,
    system_id           UUID        NOT NULL,
    agency_id           UUID        NOT NULL,
    sandbox             BOOLEAN     NOT NULL,
    registration_number TEXT        NOT NULL UNIQUE,
    recipient_kind      TEXT        NOT NULL CHECK (recipient_kind IN ('SNILS', 'INN', 'ACCOUNT_ID')),
    recipient_masked    TEXT        NOT NULL,
    account_id          UUID,
    category            TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('accepted', 'delivered', 'read', 'undeliverable')),
    reason              TEXT,
    accepted_at         TIMESTAMPTZ NOT NULL,
    delivered_at        TIMESTAMPTZ,
    read_at             TIMESTAMPTZ,
    undeliverable_at    TIMESTAMPTZ
);
CREATE INDEX messages_by_system ON messages (system_id, accepted_at DESC);

-- Idempotency-Key: the first answer to a key, replayed for the same body; another body is a conflict.
CREATE TABLE idempotency_keys
(
    system_id       UUID        NOT NULL,
    key             TEXT        NOT NULL,
    request_hash    BYTEA       NOT NULL,
    response_status INT         NOT NULL,
    response_type   TEXT        NOT NULL,
    response_body   TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (system_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Messages per system and day (GW-5), counted in the same transaction that accepts them.
CREATE TABLE daily_usage
(
    system_id UUID   NOT NULL,
    day       DATE   NOT NULL,
    messages  BIGINT NOT NULL,
    PRIMARY KEY (system_id, day)
);
