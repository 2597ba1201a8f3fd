-- NTF-6: every letter the portal sends carries a short verification code; a citizen who doubts a
-- letter types the code (or pastes the letter) at «Проверить письмо» and learns whether the
-- portal sent it, when, to which address (masked) and about what. The address itself is kept only
-- as a keyed hash, so this table does not become a list of citizens' addresses.
CREATE TABLE letter_codes
(
    code            TEXT PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{4}-[0-9A-Z]{4}$'),
    recipient_hash  BYTEA       NOT NULL,
    recipient_shown TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    message_id      TEXT,
    sent_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX letter_codes_by_sent_at ON letter_codes (sent_at);
