-- Workers who drop out of a job they were booked on: the place is offered again at once, and
-- coaches follow up people who drop out often or late.

-- +goose Up
CREATE TABLE dropouts (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id    bigint NOT NULL REFERENCES jobs (id),
    worker_id bigint NOT NULL REFERENCES users (id),
    late      boolean NOT NULL, -- within the free-cancellation window before the start
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dropouts_worker_idx ON dropouts (worker_id, at);

-- +goose Down
DROP TABLE dropouts;
