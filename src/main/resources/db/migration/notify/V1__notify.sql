-- Notifications (NTF): every event that concerns a citizen, what became of it on each channel,
-- and every attempt to deliver it.

-- An event raised by an agency (POST /api/v1/events) or by a module of the portal. It becomes a
-- cabinet message at once (message_id) and a notification per channel the citizen chose.
CREATE TABLE events (
    id              uuid        PRIMARY KEY,
    account         uuid        NOT NULL,
    type            text        NOT NULL,
    category        text        NOT NULL,
    mandatory       boolean     NOT NULL,
    urgent          boolean     NOT NULL,
    variables       jsonb       NOT NULL,
    source          text        NOT NULL,
    system_id       uuid,
    sender_name     text        NOT NULL,
    message_id      uuid        NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE INDEX events_by_account ON events (account, created_at DESC);
CREATE INDEX events_by_system ON events (system_id, created_at DESC) WHERE system_id IS NOT NULL;

-- One notification of one event on one channel, or one digest letter gathering several. The
-- dispatcher claims due rows with FOR UPDATE SKIP LOCKED, so any number of nodes share the work;
-- a row claimed by a node that died is taken again once its claim has run out.
CREATE TABLE notifications (
    id              uuid        PRIMARY KEY,
    account         uuid        NOT NULL,
    event_id        uuid        REFERENCES events (id),
    kind            text        NOT NULL CHECK (kind IN ('EVENT', 'DIGEST')),
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH')),
    status          text        NOT NULL CHECK (status IN ('created', 'sending', 'delivered', 'temporary-failure',
                                                           'permanent-failure', 'technical-failure', 'waiting-digest',
                                                           'digested', 'skipped')),
    due_at          timestamptz NOT NULL,
    digest_id       uuid        REFERENCES notifications (id),
    attempts        integer     NOT NULL DEFAULT 0,
    claimed_until   timestamptz,
    provider        text,
    error_code      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    CHECK ((kind = 'EVENT') = (event_id IS NOT NULL))
);

-- What the dispatcher looks for: sendable rows in order of when they are due.
CREATE INDEX notifications_due ON notifications (due_at) WHERE status IN ('created', 'temporary-failure', 'sending');
-- What the digest job gathers: an account's waiting rows.
CREATE INDEX notifications_waiting ON notifications (due_at, account) WHERE status = 'waiting-digest';
CREATE INDEX notifications_by_event ON notifications (event_id);
CREATE INDEX notifications_by_digest ON notifications (digest_id) WHERE digest_id IS NOT NULL;

-- Every attempt, as NTF-5 asks: when, which channel and provider, what came of it and why.
CREATE TABLE attempts (
    id              bigserial   PRIMARY KEY,
    notification_id uuid        NOT NULL REFERENCES notifications (id),
    at              timestamptz NOT NULL,
    channel         text        NOT NULL,
    provider        text,
    status          text        NOT NULL,
    error_code      text,
    detail          text
);

CREATE INDEX attempts_by_notification ON attempts (notification_id, id);

-- «Настройки уведомлений» (NTF-3). One row per citizen who changed anything; without a row the
-- defaults apply. The grid is category → {channels, frequency}; the module validates it.
CREATE TABLE preferences (
    account            uuid        PRIMARY KEY,
    grid               jsonb       NOT NULL,
    letter_format      text        NOT NULL CHECK (letter_format IN ('HTML', 'TEXT')),
    digest_hour        integer     NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
    digest_weekday     integer     NOT NULL CHECK (digest_weekday BETWEEN 1 AND 7),
    digest_monthday    integer     NOT NULL CHECK (digest_monthday BETWEEN 1 AND 28),
    quiet_from         time,
    quiet_to           time,
    time_zone          text        NOT NULL,
    promotional_at     timestamptz,
    promotional_source text,
    updated_at         timestamptz NOT NULL,
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL)),
    CHECK ((promotional_at IS NULL) = (promotional_source IS NULL))
);

-- Consent to promotional mail is given and withdrawn explicitly; each change is kept.
CREATE TABLE consent_log (
    id         bigserial   PRIMARY KEY,
    account    uuid        NOT NULL,
    given      boolean     NOT NULL,
    source     text        NOT NULL,
    at         timestamptz NOT NULL
);

CREATE INDEX consent_log_by_account ON consent_log (account, id);

-- Letter templates (NTF-4): versions an administrator drafts, previews and publishes; at most one
-- published version per event type and language. Without one, the catalogue's default applies.
CREATE TABLE templates (
    id           uuid        PRIMARY KEY,
    event_type   text        NOT NULL,
    locale       text        NOT NULL CHECK (locale IN ('ru', 'en')),
    version      integer     NOT NULL CHECK (version > 0),
    subject      text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body         text        NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    state        text        NOT NULL CHECK (state IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_by text,
    published_at timestamptz,
    UNIQUE (event_type, locale, version)
);

CREATE UNIQUE INDEX templates_published ON templates (event_type, locale) WHERE state = 'PUBLISHED';
