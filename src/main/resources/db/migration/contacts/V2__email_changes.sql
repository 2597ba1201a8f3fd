-- A confirmed address replaced by another (CNT-4). The old address is told of the change with a
-- link that lets its owner say it was not them; the link's token is stored hashed and lives 30 days.
CREATE TABLE email_changes
(
    id          UUID PRIMARY KEY,
    account_id  UUID        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('PRIMARY', 'BACKUP')),
    old_address TEXT        NOT NULL,
    new_address TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    token_hash  TEXT        NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    disputed_at TIMESTAMPTZ
);
CREATE INDEX email_changes_by_account ON email_changes (account_id, changed_at DESC);
