-- Idempotency-Key is kept per endpoint (GW-2): a system may use one key for a message and for an
-- event, and neither call replays the other's answer. Keys stored so far were all messages'.
ALTER TABLE idempotency_keys ADD COLUMN endpoint TEXT NOT NULL DEFAULT 'messages';
ALTER TABLE idempotency_keys ALTER COLUMN endpoint DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (system_id, endpoint, key);
