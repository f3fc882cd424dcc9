-- Repeat work (issue 12, items 7 and 9). Favourites: a poster's "graag opnieuw" for a worker
-- who did a job for them; their next jobs go to their favourites first, alone, for a while.
-- Series: a job that recurs every week or every two weeks on the same weekday and time until
-- a date; each occurrence is its own job, created up front, and offered from the start of the
-- occurrence before it (offer_from), so that whoever does that one is known and asked first.

-- +goose Up
CREATE TABLE favourites (
    poster_id  bigint NOT NULL REFERENCES poster_profiles (user_id) ON DELETE CASCADE,
    worker_id  bigint NOT NULL REFERENCES worker_profiles (user_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (poster_id, worker_id)
);
CREATE INDEX favourites_worker_idx ON favourites (worker_id);

CREATE TABLE job_series (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    poster_id    bigint NOT NULL REFERENCES poster_profiles (user_id),
    every_weeks  smallint NOT NULL CHECK (every_weeks IN (1, 2)),
    until        date NOT NULL,
    created_at   timestamptz NOT NULL,
    cancelled_at timestamptz
);
CREATE INDEX job_series_poster_idx ON job_series (poster_id);

ALTER TABLE jobs ADD COLUMN series_id bigint REFERENCES job_series (id);
-- Not offered before this moment (NULL: at once): the later occurrences of a series.
ALTER TABLE jobs ADD COLUMN offer_from timestamptz;
CREATE INDEX jobs_series_idx ON jobs (series_id, lower(during)) WHERE series_id IS NOT NULL;

-- +goose Down
DROP INDEX jobs_series_idx;
ALTER TABLE jobs DROP COLUMN offer_from;
ALTER TABLE jobs DROP COLUMN series_id;
DROP TABLE job_series;
DROP TABLE favourites;
