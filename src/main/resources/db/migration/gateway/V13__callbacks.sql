-- Signed callbacks to agency systems (GW-3, NTF-5).
--
-- A system may have one callback URL and the secret it verifies our signatures with. The server
-- needs that secret back to sign each callback, so unlike a client secret it cannot be kept as a
-- hash: it is sealed with AES-256-GCM under the server key «callback-secrets», bound to the
-- system's id, so a copy of the database alone does not reveal it.
ALTER TABLE systems
    ADD COLUMN callback_url        TEXT
        CONSTRAINT systems_callback_url_length CHECK (length(callback_url) BETWEEN 10 AND 2000),
    ADD COLUMN callback_secret     BYTEA,
    ADD COLUMN callback_changed_at TIMESTAMPTZ,
    ADD CONSTRAINT systems_callback_whole CHECK ((callback_url IS NULL) = (callback_secret IS NULL));

-- The outbox: one row per status change a system with a callback URL is to hear of, written in
-- the transaction that records the change (or that learns of it from another module's event) and
-- sent by a worker once committed. The payload is TEXT, not JSONB: the signature covers its exact
-- bytes, and JSONB would reorder and respace them.
CREATE TABLE callbacks
(
    id               UUID PRIMARY KEY,
    system_id        UUID        NOT NULL REFERENCES systems (id),
    kind             TEXT        NOT NULL CHECK (kind IN ('message', 'notification')),
    subject_id       UUID        NOT NULL,
    subject_status   TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
-- An event handed over again by the event registry (a restart before its completion was noted)
-- queues nothing twice: the same subject reaching the same status at the same instant is one callback.
CREATE UNIQUE INDEX callbacks_once ON callbacks (kind, subject_id, subject_status, occurred_at);
CREATE INDEX callbacks_due ON callbacks (next_attempt_at) WHERE status = 'pending';
CREATE INDEX callbacks_by_system ON callbacks (system_id, created_at DESC);

-- Every attempt, with what the receiver answered or why there was no answer (GW-3, NTF-5).
CREATE TABLE callback_attempts
(
    callback_id UUID        NOT NULL REFERENCES callbacks (id),
    attempt     INT         NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    duration_ms INT         NOT NULL,
    status_code INT,
    error       TEXT,
    PRIMARY KEY (callback_id, attempt)
);
