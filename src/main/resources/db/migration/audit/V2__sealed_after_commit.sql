-- An entry is written unsealed inside the transaction it describes and chained just after that
-- transaction commits (ChainedAuditLog). Appending to the chain inside every audited transaction
-- held one lock until the end of each, including the commit's flush to disk, so the audited
-- transactions of the whole system committed one at a time; now only the short sealing
-- transactions take turns, each sealing every entry committed since the last.
--
-- id orders entries as they were written and is a sequence (rollbacks leave gaps in it, which is
-- harmless); seq remains the chain's gap-free number, given at sealing together with the hashes.
ALTER TABLE entries DROP CONSTRAINT entries_pkey;
ALTER TABLE entries ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY;
ALTER TABLE entries ADD PRIMARY KEY (id);
ALTER TABLE entries ALTER COLUMN seq DROP NOT NULL,
                    ALTER COLUMN prev_hash DROP NOT NULL,
                    ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE entries ADD CONSTRAINT entries_sealed_whole
    CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL));
CREATE UNIQUE INDEX entries_by_seq ON entries (seq);
CREATE INDEX entries_unsealed ON entries (id) WHERE seq IS NULL;

-- Still append-only: the one change allowed is sealing an unsealed entry, leaving its content as
-- it was written.
CREATE FUNCTION refuse_change_but_sealing() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
        AND (NEW.id, NEW.occurred_at, NEW.actor, NEW.action, NEW.target, NEW.source_ip, NEW.outcome, NEW.details::text)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.occurred_at, OLD.actor, OLD.action, OLD.target, OLD.source_ip, OLD.outcome, OLD.details::text) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING HINT = 'Correct a wrong entry by appending a new one.';
END
$$;

DROP TRIGGER entries_append_only ON entries;
CREATE TRIGGER entries_append_only
    BEFORE UPDATE OR DELETE
    ON entries
    FOR EACH ROW
EXECUTE FUNCTION refuse_change_but_sealing();
CREATE TRIGGER entries_no_truncate
    BEFORE TRUNCATE
    ON entries
    FOR EACH STATEMENT
EXECUTE FUNCTION refuse_change();
