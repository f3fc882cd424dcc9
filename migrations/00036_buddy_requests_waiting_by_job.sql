-- The match board's trigger (functions/board_changed.sql) looks up a changed job's pending
-- buddy requests on every write to jobs, offers, assignments and the rest; without an index on
-- the job that was a scan of every buddy request ever made, growing with the history (issue 15).
--
-- Built CONCURRENTLY so that instances keep writing during an upgrade; hence no transaction.

-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS buddy_requests_pending_job_idx ON buddy_requests (job_id) WHERE state = 'pending';

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS buddy_requests_pending_job_idx;
