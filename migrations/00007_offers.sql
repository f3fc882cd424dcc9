-- Offers (a job proposed to one worker for a while), the notification outbox written in the
-- same transactions, and idempotency keys so that a repeated accept gets the same answer.

-- +goose Up
CREATE TABLE offers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id         bigint NOT NULL REFERENCES jobs (id),
    worker_id      bigint NOT NULL REFERENCES worker_profiles (user_id) ON DELETE CASCADE,
    wave           smallint NOT NULL CHECK (wave >= 1),
    score          double precision NOT NULL,
    breakdown      jsonb NOT NULL,           -- why this worker: the score's parts and facts
    needs_buddy    boolean NOT NULL DEFAULT false,
    travel_minutes real NOT NULL CHECK (travel_minutes >= 0),
    state          text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'taken', 'withdrawn')),
    decline_reason text CHECK (decline_reason IN ('too_far', 'not_available', 'not_this_work', 'other')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    answered_at    timestamptz,
    UNIQUE (job_id, worker_id),               -- one offer per worker per job, over all waves
    CHECK (expires_at > created_at),
    CHECK (decline_reason IS NULL OR state = 'declined'),
    CHECK ((state = 'pending') = (answered_at IS NULL))
);
CREATE INDEX offers_pending_expiry_idx ON offers (expires_at) WHERE state = 'pending';
CREATE INDEX offers_worker_idx ON offers (worker_id, state);

-- The outbox: every event for a person, written in the transaction that caused it; ids only
-- grow, so a client that saw id n asks for what came after n.
CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('offer_new', 'offer_taken', 'offer_expired', 'offer_withdrawn',
                   'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request')),
    data       jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);

CREATE TABLE idempotency_keys (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        text NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
    status     smallint NOT NULL,
    body       bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- +goose Down
DROP TABLE idempotency_keys, notifications, offers;
