-- A sender claims pushes a batch at a time with one row here, instead of writing a lease into
-- every push it takes (issue 15, push throughput). The claim was a locked, updated version of
-- each row: half of what the database did for a push. Now a claim writes one row for up to
-- 200 pushes, and the sender deletes it with the batch's last outcome; a claim whose lease has
-- run out (its sender died) is given up by the next claim, which then counts the attempt in
-- the pushes it held (so that a push that stops every sender that takes it ends).
--
-- Claims take turns on an advisory lock (functions/claim_push_batch.sql) instead of row locks:
-- a few milliseconds each, so thousands of pushes a second for any number of senders.
--
-- Rolling upgrades: an instance of the previous version claims with leased_until
-- (functions/claim_pushes.sql), which the new claim respects; the old one does not see these
-- claims, so while both versions run a push may go out twice (the same topic: the push service
-- keeps the last), and an old instance may drop, instead of following, a push for an offer
-- taken while it is on its way. claim_pushes and leased_until go in the release after.

-- +goose Up
CREATE TABLE push_claims (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pushes bigint[] NOT NULL, -- push_outbox ids; no foreign key: a sent push leaves the outbox
    until  timestamptz NOT NULL
);

-- +goose Down
-- The pushes of live claims become claimable at once (by leased_until, which is NULL).
DROP TABLE push_claims;
