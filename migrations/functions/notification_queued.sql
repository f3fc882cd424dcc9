-- notification_queued announces on the channel klusbuddy_queue (postgres.QueueChannel) that a
-- transaction queued events, so that a sequencer moves them into the outbox. The trigger on
-- notification_queue (migration 00013) fires once per statement with an empty payload, and
-- PostgreSQL folds identical notifications of one transaction into one.
CREATE OR REPLACE FUNCTION notification_queued() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_notify('klusbuddy_queue', '');
    RETURN NULL;
END
$fn$;
