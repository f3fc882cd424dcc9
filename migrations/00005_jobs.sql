-- Jobs and assignments, with the two invariants the database itself guarantees: a worker is
-- never booked on two jobs that overlap in time (an exclusion constraint on the assignment's
-- time range), and a job never gets more workers than it needs (each assignment takes one of
-- the job's numbered places, at most workers_needed, each place once).

-- +goose Up
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE jobs (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    poster_id      bigint NOT NULL REFERENCES poster_profiles (user_id),
    address_id     bigint NOT NULL REFERENCES poster_addresses (id),
    category_id    bigint NOT NULL REFERENCES categories (id),
    description    text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    during         tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
    workers_needed smallint NOT NULL CHECK (workers_needed BETWEEN 1 AND 20),
    level          smallint NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 3),
    buddy          text NOT NULL DEFAULT 'allowed' CHECK (buddy IN ('allowed', 'required', 'not_allowed')),
    language_hints text[] NOT NULL DEFAULT '{}',
    state          text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'offering', 'filled', 'in_progress', 'done',
                       'hours_confirmed', 'cancelled', 'expired', 'unfilled')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- The target of assignments' composite key: their place number and time follow the job's.
    UNIQUE (id, workers_needed, during)
);
CREATE INDEX jobs_poster_idx ON jobs (poster_id);
CREATE INDEX jobs_state_idx ON jobs (state) WHERE state IN ('open', 'offering');

CREATE TABLE assignments (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id         bigint NOT NULL,
    workers_needed smallint NOT NULL,
    place          smallint NOT NULL,
    worker_id      bigint NOT NULL REFERENCES worker_profiles (user_id),
    during         tstzrange NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- The job's number of places and time, kept in step by the key: the places cannot drop
    -- below one taken, and moving the job re-checks every booking against the worker's others.
    FOREIGN KEY (job_id, workers_needed, during) REFERENCES jobs (id, workers_needed, during) ON UPDATE CASCADE,
    CHECK (place BETWEEN 1 AND workers_needed),
    UNIQUE (job_id, place),
    UNIQUE (job_id, worker_id),
    -- Never two overlapping jobs for one worker, whatever happens at once.
    CONSTRAINT assignments_no_double_booking EXCLUDE USING gist (worker_id WITH =, during WITH &&)
);

-- +goose Down
DROP TABLE assignments, jobs;
