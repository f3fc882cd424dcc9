-- notification_queued announces on the channel klusbuddy_queue (postgres.QueueChannel) that a
-- transaction queued events, so that a sequencer moves them into the outbox. The triggers on
-- notification_queue (migration 00013) and board_queue (00037) fire once per statement with an
-- empty payload, and PostgreSQL folds identical notifications of one transaction into one.
-- Klusbuddy's own connections set klusbuddy.local_sequencer (postgres.OpenOptions.
-- WakesItsSequencer) and wake their sequencer in the process instead: every notifying commit
-- waits for one lock across the database, which stalled accepts at 500 a second.
CREATE OR REPLACE FUNCTION notification_queued() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF current_setting('klusbuddy.local_sequencer', true) IS DISTINCT FROM 'on' THEN
        PERFORM pg_notify('klusbuddy_queue', '');
    END IF;
    RETURN NULL;
END
$fn$;
