-- A window of days: a job that may be done on its day or any of the next window_days-1 days,
-- at the same time of day. Each worker is offered the earliest day they can do (the offer's
-- slot); the first accept settles the job's day.

-- +goose Up
ALTER TABLE jobs ADD COLUMN window_days smallint NOT NULL DEFAULT 1 CHECK (window_days BETWEEN 1 AND 14);
ALTER TABLE offers ADD COLUMN slot tstzrange CHECK (slot IS NULL OR (NOT isempty(slot) AND lower_inc(slot)));

-- +goose Down
ALTER TABLE offers DROP COLUMN slot;
ALTER TABLE jobs DROP COLUMN window_days;
