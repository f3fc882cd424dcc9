-- Hours after the job (issue 12): one timesheet per person (worker or buddy) per job, proposed
-- at check-out from the phone's times, confirmed or corrected by the person, approved by the
-- poster (a buddy's by the coordinator) or disputed and decided by the coordinator, or taken a
-- step further by Klusbuddy when its deadline passes; and the history of every step, append-only.
-- The constraints make an approval of a disputed sheet without a decision, and a second
-- approval, impossible whoever writes.

-- +goose Up
CREATE TABLE timesheets (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id         bigint NOT NULL REFERENCES jobs (id),
    person_id      bigint NOT NULL REFERENCES users (id),
    role           text NOT NULL CHECK (role IN ('worker', 'buddy')),
    place          smallint NOT NULL CHECK (place BETWEEN 1 AND 20),
    unit           text NOT NULL CHECK (unit IN ('minutes', 'items')),
    -- minutes from the phone's times (rounded to the quarter); NULL for items, which the worker counts
    proposed       integer CHECK (proposed >= 0 AND proposed % 15 = 0),
    state          text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed', 'disputed', 'approved', 'decided')),
    confirmed      integer CHECK (confirmed >= 0),
    reason         text CONSTRAINT timesheets_reason_length CHECK (char_length(reason) BETWEEN 1 AND 500),
    -- since when the sheet waits for the person's confirmation (proposed minutes) or for its
    -- approval (confirmed): Klusbuddy takes that step itself KLUSBUDDY_APPROVAL_DAYS later
    waiting_since  timestamptz,
    dispute_reason text CONSTRAINT timesheets_dispute_length CHECK (char_length(dispute_reason) BETWEEN 1 AND 500),
    approved       integer CHECK (approved >= 0),
    decision_note  text CONSTRAINT timesheets_note_length CHECK (char_length(decision_note) BETWEEN 1 AND 500),
    UNIQUE (job_id, person_id),
    CHECK (unit = 'items' OR (proposed IS NOT NULL AND coalesce(confirmed, 0) % 15 = 0 AND coalesce(approved, 0) % 15 = 0)),
    CHECK (unit = 'minutes' OR (proposed IS NULL AND confirmed BETWEEN 1 AND 999 AND approved BETWEEN 1 AND 999)),
    CHECK (role = 'worker' OR unit = 'minutes'),
    CHECK ((state = 'proposed') = (confirmed IS NULL)),
    CHECK ((waiting_since IS NOT NULL) = (state = 'confirmed' OR (state = 'proposed' AND proposed IS NOT NULL))),
    CHECK ((state IN ('approved', 'decided')) = (approved IS NOT NULL)),
    -- a disputed sheet is decided by a coordinator, never approved
    CHECK ((state IN ('disputed', 'decided')) = (dispute_reason IS NOT NULL)),
    CHECK ((state = 'decided') = (decision_note IS NOT NULL)),
    CHECK (state <> 'disputed' OR role = 'worker')
);
CREATE INDEX timesheets_waiting_idx ON timesheets (waiting_since, id) WHERE waiting_since IS NOT NULL;
CREATE INDEX timesheets_person_idx ON timesheets (person_id);
CREATE INDEX timesheets_open_idx ON timesheets (state) WHERE state IN ('proposed', 'confirmed', 'disputed');

-- Every step with who (the user; none for Klusbuddy itself), their role and when. A sheet ends
-- once: one approval or decision per sheet.
CREATE TABLE timesheet_steps (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sheet_id  bigint NOT NULL REFERENCES timesheets (id),
    step      text NOT NULL CHECK (step IN ('propose', 'confirm', 'approve', 'dispute', 'decide')),
    by_user   bigint REFERENCES users (id),
    by_role   text NOT NULL CHECK (by_role IN ('system', 'worker', 'buddy', 'poster', 'coordinator')),
    at        timestamptz NOT NULL,
    value     integer,
    text      text CHECK (char_length(text) BETWEEN 1 AND 500),
    CHECK ((by_role = 'system') = (by_user IS NULL))
);
CREATE UNIQUE INDEX timesheet_steps_one_end ON timesheet_steps (sheet_id) WHERE step IN ('approve', 'decide');
CREATE UNIQUE INDEX timesheet_steps_once ON timesheet_steps (sheet_id, step);
CREATE INDEX timesheet_steps_sheet_idx ON timesheet_steps (sheet_id, id);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved'));
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved'));

-- +goose Down
DELETE FROM notification_queue WHERE kind LIKE 'hours\_%';
DELETE FROM push_outbox p USING notifications n WHERE n.id = p.notification_id AND n.kind LIKE 'hours\_%';
DELETE FROM notifications WHERE kind LIKE 'hours\_%';
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert'));
DROP TABLE timesheet_steps, timesheets;
