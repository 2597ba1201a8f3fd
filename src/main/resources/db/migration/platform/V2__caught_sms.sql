-- SMS messages kept by the local SMS catcher instead of being sent to an operator.
CREATE TABLE caught_sms
(
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone   TEXT        NOT NULL,
    text    TEXT        NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX caught_sms_by_sent_at ON caught_sms (sent_at DESC);
