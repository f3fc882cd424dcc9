-- Every move of a job between states, with who made it and when; and what posting needs.

-- +goose Up
CREATE TABLE job_transitions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id     bigint NOT NULL REFERENCES jobs (id),
    from_state text,  -- NULL for the posting itself
    to_state   text NOT NULL,
    actor_id   bigint REFERENCES users (id), -- NULL when Klusbuddy itself moved it (expiry, waves)
    late       boolean NOT NULL DEFAULT false, -- a cancellation within the free-cancellation window
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_transitions_job_idx ON job_transitions (job_id, at);

-- +goose Down
DROP TABLE job_transitions;
