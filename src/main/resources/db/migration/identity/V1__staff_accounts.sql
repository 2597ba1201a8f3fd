-- Staff of the portal who sign in to the admin area (administrators, security officers, support).
CREATE TABLE staff_accounts
(
    login         TEXT PRIMARY KEY CHECK (login = lower(login) AND length(login) BETWEEN 3 AND 64),
    password_hash TEXT        NOT NULL,
    display_name  TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('ADMIN', 'SECURITY_OFFICER', 'SUPPORT_OPERATOR')),
    enabled       BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
