-- Accepting an offer in one round trip: the job's lock is then held for the statements' own
-- time, not for six trips between the server and the database (under load, accepts on one job
-- queued behind those trips). The rules are those of postgres.AcceptOffer, which calls this
-- and turns the outcome into the API's answer.

-- The function's live source is functions/accept_offer.sql, applied after the migrations
-- (internal/postgres); the version this migration first created is in the repository's history.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
