-- The live match board (issue 13, part 8): a 'board_changed' event ({"job_id": n}) tells the
-- coordinators who follow a job that it changed, so that their open board loads that job again.
-- The triggers that queue it, in the transaction of every change, live in
-- functions/board_changed.sql (applied after the migrations, in the same run).

-- +goose Up
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved', 'follow_up', 'board_changed'));
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved', 'follow_up', 'board_changed'));
-- The app's list of news leaves these out (postgres.LatestNotifications): this index keeps
-- that cheap for a coordinator with many of them.
CREATE INDEX notifications_user_news_idx ON notifications (user_id, id DESC) WHERE kind <> 'board_changed';
-- Board events older than a day are pruned (postgres.PurgeSentPushes, the push sender's
-- housekeeping): an open board has taken them.
CREATE INDEX notifications_board_idx ON notifications (created_at) WHERE kind = 'board_changed';

-- +goose Down
-- +goose StatementBegin
DO $do$
DECLARE
    t text;
    op text;
BEGIN
    FOREACH t IN ARRAY ARRAY['jobs', 'offers', 'assignments', 'buddy_requests', 'attendance', 'outcomes', 'safety_reports', 'dropouts'] LOOP
        FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
            EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', 'board_changed_' || op, t);
        END LOOP;
    END LOOP;
END $do$;
-- +goose StatementEnd
DROP FUNCTION IF EXISTS board_changed();
DROP INDEX notifications_user_news_idx, notifications_board_idx;
DELETE FROM notification_queue WHERE kind = 'board_changed';
DELETE FROM notifications WHERE kind = 'board_changed';
ALTER TABLE notification_queue DROP CONSTRAINT notification_queue_kind_check;
ALTER TABLE notification_queue ADD CONSTRAINT notification_queue_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved', 'follow_up'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('offer_new', 'offer_taken',
    'offer_expired', 'offer_withdrawn', 'assignment_confirmed', 'job_status', 'coordinator_alert', 'buddy_request',
    'buddy_request_closed', 'buddy_confirmed', 'buddy_missing', 'buddy_dropout', 'reminder', 'checkin_nudge', 'safety_alert',
    'hours_to_confirm', 'hours_to_approve', 'hours_disputed', 'hours_approved', 'follow_up'));
