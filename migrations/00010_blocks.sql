-- "Never again", either way: a poster who does not want a worker (or buddy) back, or a worker
-- (or their coach) who does not want to work for a poster again. One block per pair, whoever
-- asked; matching never puts them together again.

-- +goose Up
CREATE TABLE blocks (
    poster_id  bigint NOT NULL REFERENCES poster_profiles (user_id) ON DELETE CASCADE,
    person_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE, -- a worker or a buddy
    by_role    text NOT NULL CHECK (by_role IN ('poster', 'worker', 'buddy', 'coordinator')),
    by_user    bigint REFERENCES users (id) ON DELETE SET NULL,
    job_id     bigint REFERENCES jobs (id),                             -- the job it came from
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (poster_id, person_id)
);
CREATE INDEX blocks_person_idx ON blocks (person_id);

-- +goose Down
DROP TABLE blocks;
