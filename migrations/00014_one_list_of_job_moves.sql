-- Stored functions now live in functions/, one file each, applied after the migrations; the
-- moves a job may make between states are one list, klusbuddy.JobTransitions in Go, which the
-- migration step writes into job_state_transitions for the database to enforce (the trigger of
-- functions/job_state_guard.sql) on every change of jobs.state, whoever makes it.

-- +goose Up
CREATE TABLE job_state_transitions (
    from_state text NOT NULL,
    to_state   text NOT NULL,
    PRIMARY KEY (from_state, to_state)
);
-- accept_offer takes the clock's time as a parameter now (functions/accept_offer.sql).
DROP FUNCTION IF EXISTS accept_offer(bigint, bigint);

-- +goose Down
DROP TRIGGER IF EXISTS jobs_state_guard ON jobs;
DROP FUNCTION IF EXISTS job_state_guard();
DROP FUNCTION IF EXISTS move_job(bigint, text, bigint, timestamptz, boolean);
DROP FUNCTION IF EXISTS accept_offer(bigint, bigint, timestamptz);
DROP TABLE job_state_transitions;
