-- The match board's events are fanned out by the sequencer, not in the writer's transaction
-- (issue 15, accept p99). The statement triggers on the board's tables now only note which jobs
-- changed and the people named in the changed rows (functions/board_changed.sql); the sequencer
-- (postgres.SequenceNotifications), one at a time and off the accept's path, finds the
-- coordinators who follow each job and queues one 'board_changed' event each. Finding them in
-- every accepting transaction cost about a millisecond of CPU and contended on the same rows.
-- No keys or indexes: the sequencer empties the table as a whole (and a foreign key would lock
-- the rows it points at, as in 00035).

-- +goose Up
CREATE TABLE board_queue (
    job_id bigint NOT NULL,
    org    bigint,                        -- the job's organisation, as the changed row had it
    people bigint[] NOT NULL DEFAULT '{}' -- the people named in the changed rows
);
-- The same wake-up as the notification queue's: one NOTIFY per writing transaction.
CREATE TRIGGER board_queued AFTER INSERT ON board_queue
    FOR EACH STATEMENT EXECUTE FUNCTION notification_queued();

-- +goose Down
DROP TABLE board_queue;
