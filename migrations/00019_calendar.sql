-- A calendar feed per person (issue 11, part 4): a private ICS address whose token is kept only
-- as its SHA-256 (revoking deletes the row, renewing replaces it), and a calendar entry per
-- person and job that is or was in their calendar, with the SEQUENCE their calendar app needs
-- to take a change. Entries stay when the job is cancelled or the person leaves it (dropped out,
-- released by a coordinator or an erasure), so that the event shows as cancelled rather than
-- vanishing. The triggers of functions/calendar_jobs.sql and functions/calendar_assignments.sql
-- keep the entries in step, whoever writes the job or the booking. Erasure deletes both.

-- +goose Up
CREATE TABLE calendar_feeds (
    user_id    bigint PRIMARY KEY REFERENCES users (id),
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL
);

CREATE TABLE calendar_entries (
    user_id    bigint NOT NULL REFERENCES users (id),
    job_id     bigint NOT NULL REFERENCES jobs (id),
    role       text NOT NULL CHECK (role IN ('worker', 'buddy', 'poster')),
    -- RFC 5545's SEQUENCE: raised with every change of what the person sees of the job.
    sequence   integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    -- The person left the job (a worker's drop-out, a buddy's, a job cancelled under them).
    left_job   boolean NOT NULL DEFAULT false,
    -- When the entry last changed: the event's DTSTAMP and LAST-MODIFIED (a stamp, not a rule).
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, job_id),
    CHECK (role <> 'poster' OR NOT left_job)
);
CREATE INDEX calendar_entries_job_idx ON calendar_entries (job_id);

-- What is in people's calendars already.
INSERT INTO calendar_entries (user_id, job_id, role) SELECT poster_id, id, 'poster' FROM jobs;
INSERT INTO calendar_entries (user_id, job_id, role) SELECT worker_id, job_id, 'worker' FROM assignments;
INSERT INTO calendar_entries (user_id, job_id, role)
SELECT DISTINCT buddy_id, job_id, 'buddy' FROM assignments WHERE buddy_id IS NOT NULL;

-- +goose Down
DROP TRIGGER IF EXISTS calendar_assignments ON assignments;
DROP TRIGGER IF EXISTS calendar_jobs ON jobs;
DROP FUNCTION IF EXISTS calendar_assignments();
DROP FUNCTION IF EXISTS calendar_jobs();
DROP TABLE calendar_entries, calendar_feeds;
