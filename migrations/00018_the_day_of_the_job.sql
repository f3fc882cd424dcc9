-- The day of the job (issue 11): the buddy's meeting point, check-in and check-out with the
-- phone's time and position beside the server's, safety reports and their follow-up, how a job
-- and its places ended, and the reminders' progress. Positions are personal data: erasure
-- clears them (internal/postgres), the rows stay for hours and impact.

-- +goose Up

-- Where and when a buddy meets the worker; NULL: 15 minutes before the start at the address.
ALTER TABLE assignments
    ADD COLUMN meeting_place text CONSTRAINT assignments_meeting_place_length CHECK (char_length(meeting_place) <= 120),
    ADD COLUMN meeting_at    timestamptz,
    ADD CONSTRAINT assignments_meeting_with_buddy CHECK (meeting_at IS NULL OR buddy_id IS NOT NULL);

-- One row per person (worker or buddy) per job, from the check-in; at: the phone's time,
-- received: the server's. The distance is from the job's address, when the phone gave a position.
CREATE TABLE attendance (
    job_id          bigint NOT NULL REFERENCES jobs (id),
    person_id       bigint NOT NULL REFERENCES users (id),
    role            text NOT NULL CHECK (role IN ('worker', 'buddy')),
    place           smallint NOT NULL CHECK (place BETWEEN 1 AND 20),
    in_at           timestamptz NOT NULL,
    in_received     timestamptz NOT NULL,
    in_lat          double precision CHECK (in_lat BETWEEN -90 AND 90),
    in_lon          double precision CHECK (in_lon BETWEEN -180 AND 180),
    in_accuracy     real CHECK (in_accuracy BETWEEN 0 AND 100000),
    distance_m      real CHECK (distance_m >= 0),
    far             boolean NOT NULL DEFAULT false,
    out_at          timestamptz,
    out_received    timestamptz,
    out_lat         double precision CHECK (out_lat BETWEEN -90 AND 90),
    out_lon         double precision CHECK (out_lon BETWEEN -180 AND 180),
    out_accuracy    real CHECK (out_accuracy BETWEEN 0 AND 100000),
    PRIMARY KEY (job_id, person_id),
    CHECK ((in_lat IS NULL) = (in_lon IS NULL) AND (in_lat IS NULL) = (in_accuracy IS NULL)),
    CHECK ((out_lat IS NULL) = (out_lon IS NULL) AND (out_lat IS NULL) = (out_accuracy IS NULL)),
    CHECK ((out_at IS NULL) = (out_received IS NULL)),
    CHECK (out_at IS NULL OR out_at >= in_at),
    CHECK (out_at IS NOT NULL OR out_lat IS NULL),
    CHECK (NOT far OR distance_m IS NOT NULL)
);
CREATE INDEX attendance_person_idx ON attendance (person_id);

-- "Ik voel me niet veilig": once per person per job. The organisation is the reporter's, whose
-- coordinators are alerted and follow up.
CREATE TABLE safety_reports (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          bigint NOT NULL REFERENCES jobs (id),
    person_id       bigint NOT NULL REFERENCES users (id),
    role            text NOT NULL CHECK (role IN ('worker', 'buddy')),
    place           smallint NOT NULL CHECK (place BETWEEN 1 AND 20),
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    at              timestamptz NOT NULL,
    received        timestamptz NOT NULL,
    lat             double precision CHECK (lat BETWEEN -90 AND 90),
    lon             double precision CHECK (lon BETWEEN -180 AND 180),
    accuracy        real CHECK (accuracy BETWEEN 0 AND 100000),
    distance_m      real CHECK (distance_m >= 0),
    acknowledged_at timestamptz,
    acknowledged_by bigint REFERENCES users (id),
    follow_up       text CONSTRAINT safety_reports_follow_up_length CHECK (char_length(follow_up) BETWEEN 1 AND 1000),
    UNIQUE (job_id, person_id),
    CHECK ((lat IS NULL) = (lon IS NULL) AND (lat IS NULL) = (accuracy IS NULL)),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    CHECK ((acknowledged_at IS NULL) = (follow_up IS NULL))
);
CREATE INDEX safety_reports_organisation_idx ON safety_reports (organisation_id, received DESC);
CREATE INDEX safety_reports_open_idx ON safety_reports (job_id) WHERE acknowledged_at IS NULL;

-- How a job (place 0) or one of its places ended, each with who and when. Rows are kept: the
-- newest per (job, place) is the outcome, the older ones its history.
CREATE TABLE outcomes (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id   bigint NOT NULL REFERENCES jobs (id),
    place    smallint NOT NULL CHECK (place BETWEEN 0 AND 20),
    outcome  text NOT NULL CHECK (outcome IN ('done', 'worker_no_show', 'buddy_no_show', 'poster_absent', 'left_for_safety',
                 'cancelled_late_by_poster', 'cancelled_by_coordinator')),
    by_user  bigint REFERENCES users (id),
    by_role  text NOT NULL CHECK (by_role IN ('system', 'worker', 'buddy', 'poster', 'coordinator', 'admin')),
    at       timestamptz NOT NULL,
    CHECK ((by_role = 'system') = (by_user IS NULL)),
    -- The whole job ends "left for safety" only when everyone on it left so: Klusbuddy records it.
    CHECK (place > 0 OR outcome NOT IN ('worker_no_show', 'buddy_no_show')),
    CHECK (place > 0 OR outcome <> 'left_for_safety' OR by_role = 'system')
);
CREATE INDEX outcomes_job_idx ON outcomes (job_id, place, id DESC);

-- Reminders go out by a cursor per kind over the jobs in order of start (the start and id of
-- the last job done): a sweep takes the jobs after the cursor whose reminder has come due,
-- with the cursor's row locked, so several instances send each reminder once.
CREATE TABLE reminder_cursors (
    kind     text PRIMARY KEY CHECK (kind IN ('evening', 'soon', 'nudge')),
    start    timestamptz NOT NULL,
    job_id   bigint NOT NULL
);
CREATE INDEX jobs_start_idx ON jobs (lower(during), id);

-- A push stays when the app acknowledges its event if it replaces one already sent (another of
-- the person's phones may be showing the first) or must reach the phone whatever (a safety
-- alert); one that opens something may go.
ALTER TABLE push_outbox ADD COLUMN stays boolean NOT NULL DEFAULT false;
UPDATE push_outbox SET stays = true WHERE urgency = 'normal';

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert'));
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert'));

-- +goose Down
DELETE FROM notification_queue WHERE kind IN ('reminder', 'checkin_nudge', 'safety_alert');
DELETE FROM push_outbox p USING notifications n WHERE n.id = p.notification_id AND n.kind IN ('reminder', 'checkin_nudge', 'safety_alert');
DELETE FROM notifications WHERE kind IN ('reminder', 'checkin_nudge', 'safety_alert');
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout'));
ALTER TABLE push_outbox DROP COLUMN stays;
DROP INDEX jobs_start_idx;
DROP TABLE reminder_cursors, outcomes, safety_reports, attendance;
ALTER TABLE assignments DROP CONSTRAINT assignments_meeting_with_buddy, DROP COLUMN meeting_at, DROP COLUMN meeting_place;
