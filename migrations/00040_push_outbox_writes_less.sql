-- The push outbox writes less per push (issue 15, push throughput). Every push cost two updates
-- that wrote a new version of its row into all of the outbox's indexes:
--
-- - The claim moved the due time past the lease, and the due time is in the due index. The
--   lease is now a column of its own in no index, and the outbox's pages keep room for a new
--   version beside the old, so a claim is a HOT update that writes no index entry. The due
--   index still orders the claims; the pushes leased at any moment are skipped as the scan
--   meets them.
-- - The completion set sent_at, which both partial indexes name. A sent push now leaves the
--   outbox, and what a later push needs to know of it (that this device was sent this topic:
--   "taken" must follow "new") goes into push_sent, one row per device and topic, kept a day.
--
-- Rolling upgrades: an instance of the previous version still marks pushes sent in the outbox
-- and reads only the outbox. So sent_at and its index stay until the release after, and the
-- new code reads both; while both versions run, an old sender may claim again a push a new one
-- holds (the same topic: the push service keeps the last).

-- +goose Up
ALTER TABLE push_outbox ADD COLUMN leased_until timestamptz;
ALTER TABLE push_outbox SET (fillfactor = 50);

-- No foreign key to the subscription: a device removed while its push is being recorded would
-- fail the whole batch's record. Readers join push_subscriptions; the hourly purge forgets
-- the rest.
CREATE TABLE push_sent (
    subscription_id bigint NOT NULL,
    topic           text NOT NULL CHECK (char_length(topic) <= 32),
    sent_at         timestamptz NOT NULL,
    status          integer NOT NULL,
    PRIMARY KEY (subscription_id, topic)
) WITH (fillfactor = 70);

-- +goose Down
INSERT INTO push_outbox (subscription_id, user_id, notification_id, topic, urgency, expires_at, not_before, attempts, sent_at, last_status, stays)
SELECT t.subscription_id, s.user_id, 0, t.topic, 'normal', t.sent_at + interval '1 day', t.sent_at, 1, t.sent_at, t.status, true
FROM push_sent t JOIN push_subscriptions s ON s.id = t.subscription_id;
DROP TABLE push_sent;
UPDATE push_outbox SET not_before = greatest(not_before, leased_until) WHERE leased_until IS NOT NULL;
ALTER TABLE push_outbox RESET (fillfactor);
ALTER TABLE push_outbox DROP COLUMN leased_until;
