-- Browsers that receive Web Push notifications (NTF-5). account is the identity module's account
-- id; modules share no foreign keys. The endpoint is the push service's address for one browser
-- and names it: a browser that subscribes again (or for another account) replaces its row.
CREATE TABLE push_subscriptions
(
    id              UUID PRIMARY KEY,
    account         UUID        NOT NULL,
    endpoint        TEXT        NOT NULL UNIQUE,
    -- The browser's P-256 public key (65 bytes, uncompressed) and its 16-byte auth secret (RFC 8291).
    p256dh          BYTEA       NOT NULL CHECK (octet_length(p256dh) = 65),
    auth            BYTEA       NOT NULL CHECK (octet_length(auth) = 16),
    -- «Chrome, Windows»: what the citizen sees in the list of browsers, taken from User-Agent.
    user_agent      TEXT        NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    last_success_at TIMESTAMPTZ,
    -- Failed attempts since the last delivery.
    failures        INT         NOT NULL DEFAULT 0
);
CREATE INDEX push_subscriptions_by_account ON push_subscriptions (account, created_at);
