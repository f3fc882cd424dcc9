-- Under the radar (issue 13, part 5): the coordinator's follow-up list of the people of their
-- organisation who need a call. The reasons are computed from what happened (internal/postgres
-- followup.go); these tables keep only what the rules cannot: when a person last used the app,
-- each organisation's thresholds, the person's place on the list (open, snoozed until a day,
-- resolved at a time) and the coordinators' actions.

-- +goose Up
-- When the person last used the app (an authenticated request, answering an offer), written
-- at most once every few minutes (followup.Activity). Filled from their sessions for people
-- who used the app before it was kept.
ALTER TABLE users ADD COLUMN last_active_at timestamptz;
UPDATE users u SET last_active_at = s.seen
FROM (SELECT user_id, max(last_seen_at) AS seen FROM sessions GROUP BY user_id) s
WHERE s.user_id = u.id AND u.role IN ('worker', 'buddy');

-- The thresholds of the rules, per organisation (klusbuddy.DefaultFollowUpSettings).
ALTER TABLE organisations
    ADD COLUMN follow_inactive_days smallint NOT NULL DEFAULT 21 CONSTRAINT organisations_follow_inactive CHECK (follow_inactive_days BETWEEN 1 AND 365),
    ADD COLUMN follow_expired_in_row smallint NOT NULL DEFAULT 3 CONSTRAINT organisations_follow_expired CHECK (follow_expired_in_row BETWEEN 1 AND 50),
    ADD COLUMN follow_declines_in_row smallint NOT NULL DEFAULT 5 CONSTRAINT organisations_follow_declines CHECK (follow_declines_in_row BETWEEN 1 AND 50),
    ADD COLUMN follow_invite_days smallint NOT NULL DEFAULT 3 CONSTRAINT organisations_follow_invite CHECK (follow_invite_days BETWEEN 1 AND 365),
    ADD COLUMN follow_unseen_days smallint NOT NULL DEFAULT 7 CONSTRAINT organisations_follow_unseen CHECK (follow_unseen_days BETWEEN 1 AND 365);

-- A person's place on the list. No row: not on it, or on it since the last sweep. The sweep
-- inserts (or reopens) the row when the person enters, under the row's lock, so that of two
-- instances sweeping at once one announces the entry.
CREATE TABLE follow_ups (
    person_id       bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    state           text NOT NULL CHECK (state IN ('open', 'snoozed', 'resolved')),
    entered_at      timestamptz NOT NULL,
    reasons         text[] NOT NULL DEFAULT '{}', -- the reason codes when they entered
    snoozed_until   date,                         -- a Belgian day: back on the list that day
    resolved_at     timestamptz,
    CHECK ((state = 'snoozed') = (snoozed_until IS NOT NULL)),
    CHECK ((state = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX follow_ups_organisation_idx ON follow_ups (organisation_id, state);

-- What coordinators did: a call, a visit, a message (with a note), a snooze, a resolution.
CREATE TABLE follow_up_actions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id bigint NOT NULL REFERENCES organisations (id),
    kind            text NOT NULL CHECK (kind IN ('call', 'visit', 'message', 'snooze', 'resolve')),
    note            text NOT NULL DEFAULT '' CHECK (char_length(note) <= 1000),
    snoozed_until   date,
    by_user         bigint REFERENCES users (id) ON DELETE SET NULL,
    at              timestamptz NOT NULL,
    CHECK ((kind = 'snooze') = (snoozed_until IS NOT NULL))
);
CREATE INDEX follow_up_actions_person_idx ON follow_up_actions (person_id, id DESC);

-- The rules read a person's latest answers, and the recent no-shows and late drop-outs.
CREATE INDEX offers_worker_answered_idx ON offers (worker_id, answered_at DESC) WHERE answered_at IS NOT NULL;
CREATE INDEX buddy_requests_buddy_answered_idx ON buddy_requests (buddy_id, answered_at DESC) WHERE answered_at IS NOT NULL;
CREATE INDEX outcomes_no_show_idx ON outcomes (at) WHERE outcome IN ('worker_no_show', 'buddy_no_show');
CREATE INDEX dropouts_late_idx ON dropouts (at) WHERE late;

-- Coordinators hear of someone entering the list.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved', 'follow_up'));
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved', 'follow_up'));

-- +goose Down
DELETE FROM notification_queue WHERE kind = 'follow_up';
DELETE FROM push_outbox p USING notifications n WHERE n.id = p.notification_id AND n.kind = 'follow_up';
DELETE FROM notifications WHERE kind = 'follow_up';
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved'));
DROP INDEX offers_worker_answered_idx, buddy_requests_buddy_answered_idx, outcomes_no_show_idx, dropouts_late_idx;
DROP TABLE follow_up_actions, follow_ups;
ALTER TABLE organisations DROP COLUMN follow_inactive_days, DROP COLUMN follow_expired_in_row, DROP COLUMN follow_declines_in_row,
    DROP COLUMN follow_invite_days, DROP COLUMN follow_unseen_days;
ALTER TABLE users DROP COLUMN last_active_at;
