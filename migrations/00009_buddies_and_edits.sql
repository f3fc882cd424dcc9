-- Buddies on assignments (a worker who needs one holds the place while buddies are asked; the
-- assignment is confirmed when one says yes), the price a job was posted at, and rounds of
-- offers so that a job changed by its poster (or re-offered by a coach) can be offered again.

-- +goose Up

-- The price is the one the poster saw when posting; an admin's new price is for new jobs.
ALTER TABLE jobs
    ADD COLUMN unit             text,
    ADD COLUMN unit_price_cents integer,
    -- Offers belong to a round: a new round may ask people again. terms_round is the round of
    -- the job's last material change (time, place, work): a no given since then still stands.
    ADD COLUMN round            integer NOT NULL DEFAULT 1 CHECK (round >= 1),
    ADD COLUMN terms_round      integer NOT NULL DEFAULT 1 CHECK (terms_round BETWEEN 1 AND round);
UPDATE jobs j SET unit = c.unit, unit_price_cents = c.unit_price_cents FROM categories c WHERE c.id = j.category_id;
ALTER TABLE jobs
    ALTER COLUMN unit SET NOT NULL,
    ALTER COLUMN unit_price_cents SET NOT NULL,
    ADD CHECK (unit IN ('hour', 'item')),
    ADD CHECK (unit_price_cents BETWEEN 1 AND 100000);

ALTER TABLE offers ADD COLUMN round integer NOT NULL DEFAULT 1;
ALTER TABLE offers DROP CONSTRAINT offers_job_id_worker_id_key;
ALTER TABLE offers ADD CONSTRAINT offers_one_per_round UNIQUE (job_id, round, worker_id);

-- searching: the place is held while buddies are asked, not yet confirmed;
-- confirmed: a buddy comes along (buddy_id).
ALTER TABLE assignments
    ADD COLUMN buddy_state text NOT NULL DEFAULT 'none' CHECK (buddy_state IN ('none', 'searching', 'confirmed')),
    ADD COLUMN buddy_id    bigint REFERENCES buddy_profiles (user_id),
    ADD CHECK ((buddy_state = 'confirmed') = (buddy_id IS NOT NULL)),
    -- A buddy never goes along on two jobs that overlap; on one job they may accompany several.
    ADD CONSTRAINT assignments_buddy_no_double_booking
        EXCLUDE USING gist (buddy_id WITH =, during WITH &&, job_id WITH <>) WHERE (buddy_id IS NOT NULL);
CREATE INDEX assignments_searching_idx ON assignments (id) WHERE buddy_state = 'searching';
CREATE INDEX assignments_buddy_idx ON assignments (buddy_id) WHERE buddy_id IS NOT NULL;
-- The match board reads the jobs still to come.
CREATE INDEX jobs_end_idx ON jobs (upper(during));

-- Requests to buddies to accompany a worker on an assignment, in waves like offers.
CREATE TABLE buddy_requests (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL once the worker's place is released: the request stays on record (closed first).
    assignment_id  bigint REFERENCES assignments (id) ON DELETE SET NULL,
    job_id         bigint NOT NULL REFERENCES jobs (id),
    buddy_id       bigint NOT NULL REFERENCES buddy_profiles (user_id) ON DELETE CASCADE,
    wave           smallint NOT NULL CHECK (wave >= 1),
    travel_minutes real NOT NULL CHECK (travel_minutes >= 0),
    state          text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'taken', 'withdrawn')),
    decline_reason text CHECK (decline_reason IN ('too_far', 'not_available', 'not_this_work', 'other')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    answered_at    timestamptz,
    UNIQUE (assignment_id, buddy_id),
    CHECK (expires_at > created_at),
    CHECK (decline_reason IS NULL OR state = 'declined'),
    CHECK ((state = 'pending') = (answered_at IS NULL)),
    CHECK (assignment_id IS NOT NULL OR state <> 'pending')
);
CREATE INDEX buddy_requests_pending_expiry_idx ON buddy_requests (expires_at) WHERE state = 'pending';
CREATE INDEX buddy_requests_buddy_idx ON buddy_requests (buddy_id, state);
CREATE INDEX buddy_requests_assignment_idx ON buddy_requests (assignment_id, state);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout'));

-- Who dropped out: a worker, or a buddy leaving a worker without company.
ALTER TABLE dropouts ADD COLUMN role text NOT NULL DEFAULT 'worker' CHECK (role IN ('worker', 'buddy'));

-- +goose Down
DROP INDEX jobs_end_idx;
ALTER TABLE dropouts DROP COLUMN role;
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
DELETE FROM notifications WHERE kind IN ('buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout');
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request'));
DROP TABLE buddy_requests;
ALTER TABLE assignments DROP CONSTRAINT assignments_buddy_no_double_booking, DROP COLUMN buddy_id, DROP COLUMN buddy_state;
ALTER TABLE offers DROP CONSTRAINT offers_one_per_round;
DELETE FROM offers o USING offers p WHERE o.job_id = p.job_id AND o.worker_id = p.worker_id AND o.round < p.round;
ALTER TABLE offers ADD CONSTRAINT offers_job_id_worker_id_key UNIQUE (job_id, worker_id);
ALTER TABLE offers DROP COLUMN round;
ALTER TABLE jobs DROP COLUMN terms_round, DROP COLUMN round, DROP COLUMN unit_price_cents, DROP COLUMN unit;
