-- The citizen's official mailbox (MBX-1, MBX-2, MBX-4, MBX-9).

-- Per-mailbox data keys (envelope encryption): random AES-256 keys, stored only wrapped by a
-- master key. Rotating the master key rewrites these rows, never the messages.
CREATE TABLE data_keys (
    account        uuid        NOT NULL,
    version        integer     NOT NULL,
    wrapped        bytea       NOT NULL,
    master_version integer     NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (account, version)
);

CREATE INDEX data_keys_by_master_version ON data_keys (master_version);

-- The system folders are shared rows (account NULL) with fixed ids, so a new mailbox needs no
-- rows of its own before its first message; a citizen's own folders carry the account.
CREATE TABLE folders (
    id         uuid        PRIMARY KEY,
    account    uuid,
    kind       text        NOT NULL CHECK (kind IN ('INBOX', 'ARCHIVE', 'SUSPICIOUS', 'OWN')),
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((account IS NULL) = (kind <> 'OWN'))
);

CREATE UNIQUE INDEX folders_unique_name ON folders (account, lower(name)) WHERE account IS NOT NULL;

INSERT INTO folders (id, account, kind, name) VALUES
    ('00000000-0000-0000-0000-000000000001', NULL, 'INBOX', 'Входящие'),
    ('00000000-0000-0000-0000-000000000002', NULL, 'ARCHIVE', 'Архив'),
    ('00000000-0000-0000-0000-000000000003', NULL, 'SUSPICIOUS', 'Подозрительные');

-- Subject and metadata in clear (lists, filters and sorting run in the database); bodies only
-- as AES-GCM ciphertext under the mailbox's data key of key_version. The search vector keeps
-- the lexemes of subject, body and attachments' text so search can run without decrypting.
CREATE TABLE messages (
    id                  uuid        PRIMARY KEY,
    account             uuid        NOT NULL,
    direction           text        NOT NULL CHECK (direction IN ('INCOMING', 'OUTGOING')),
    folder_id           uuid        NOT NULL REFERENCES folders (id),
    agency_id           uuid        NOT NULL,
    agency_name         text        NOT NULL,
    category            text        NOT NULL,
    subject             text        NOT NULL,
    body_text           bytea       NOT NULL,
    body_html           bytea,
    application_ref     text,
    due_date            date,
    priority            text        NOT NULL CHECK (priority IN ('normal', 'high')),
    registration_number text        NOT NULL,
    sent_at             timestamptz NOT NULL,
    delivered_at        timestamptz NOT NULL,
    read_at             timestamptz,
    first_opened_at     timestamptz,
    flagged             boolean     NOT NULL DEFAULT false,
    attachment_count    integer     NOT NULL DEFAULT 0,
    key_version         integer     NOT NULL,
    search              tsvector    NOT NULL,
    FOREIGN KEY (account, key_version) REFERENCES data_keys (account, version)
);

-- A folder page, newest first, continued from the last row shown (keyset pagination).
CREATE INDEX messages_by_folder ON messages (account, folder_id, delivered_at DESC, id DESC);
-- Unread mail: the history's «не прочитано» filter in order, and the folder list's unread counts
-- from the index alone.
CREATE INDEX messages_unread ON messages (account, delivered_at DESC, id DESC) INCLUDE (folder_id) WHERE read_at IS NULL;
-- The history across folders, and its filters by agency and category.
CREATE INDEX messages_history ON messages (account, delivered_at DESC, id DESC);
CREATE INDEX messages_by_agency ON messages (account, agency_id, delivered_at DESC, id DESC);
CREATE INDEX messages_by_category ON messages (account, category, delivered_at DESC, id DESC);
-- Full-text search with Russian morphology.
CREATE INDEX messages_search ON messages USING gin (search);

-- Files of messages: metadata here, the content AES-GCM sealed in the blob store under blob_key.
-- delivered_at repeats the message's so «Мои документы» pages along an index of its own.
CREATE TABLE attachments (
    id           uuid        PRIMARY KEY,
    message_id   uuid        NOT NULL REFERENCES messages (id),
    account      uuid        NOT NULL,
    position     integer     NOT NULL,
    file_name    text        NOT NULL,
    media_type   text        NOT NULL,
    size         bigint      NOT NULL,
    blob_key     text        NOT NULL,
    delivered_at timestamptz NOT NULL,
    UNIQUE (message_id, position)
);

CREATE INDEX attachments_documents ON attachments (account, delivered_at DESC, id DESC);
