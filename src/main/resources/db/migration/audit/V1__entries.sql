-- The audit log (SEC-4), tamper-evident (EVD-3): every entry stores the SHA-256 of its canonical
-- content together with the previous entry's hash, both computed by the application on append.
--
-- seq is assigned by the application as the previous seq + 1 while it holds the append lock, not
-- by an identity column: sequences ignore rollbacks, so a rolled-back append would leave a gap that
-- verification could not tell from a deleted row. The primary key also makes a fork impossible:
-- two appends that saw the same last entry would claim the same seq, and one of them fails.
CREATE TABLE entries
(
    seq         BIGINT PRIMARY KEY CHECK (seq > 0),
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target      TEXT        NOT NULL,
    source_ip   TEXT,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
    -- json rather than jsonb: json keeps the text byte for byte as it was hashed.
    details     JSON        NOT NULL,
    prev_hash   BYTEA       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash        BYTEA       NOT NULL CHECK (octet_length(hash) = 32)
);
CREATE INDEX entries_by_actor ON entries (actor, seq);
CREATE INDEX entries_by_time ON entries (occurred_at);

-- Append-only for everyone who goes through the normal path. A superuser can still switch the
-- trigger off (session_replication_role = replica, ALTER TABLE … DISABLE TRIGGER): the hash chain
-- is what reveals that.
CREATE FUNCTION refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING HINT = 'Correct a wrong entry by appending a new one.';
END
$$;

CREATE TRIGGER entries_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE
    ON entries
    FOR EACH STATEMENT
EXECUTE FUNCTION refuse_change();
