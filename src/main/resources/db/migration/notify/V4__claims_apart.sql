-- The dispatcher's claim walked, in due order, over every notification already claimed and being
-- sent (their claims had not run out, so none could be taken) and over the versions the claims
-- left behind: 28 pages read for each notification claimed under the ingest benchmark. Sendable
-- rows and claimed ones are now indexed apart: a claim reads the first only, and takes a row
-- claimed by a node that died from the second, by when its claim runs out.
DROP INDEX notifications_due;
CREATE INDEX notifications_due ON notifications (due_at) WHERE status IN ('created', 'temporary-failure');
CREATE INDEX notifications_claimed ON notifications (claimed_until) WHERE status = 'sending';
