-- sequence_events moves what writers queued into the outbox (notifications), in queue order,
-- and announces the newest id on the outbox channel when the transaction commits; it returns
-- the events moved. postgres.SequenceNotifications calls it and queues the events' pushes in
-- the same transaction. This file is its live source.
--
-- Sequencers (one per instance) take turns on an advisory lock, so ids are handed out in the
-- order events become visible. The queues are read by a statement of its own after the lock:
-- it sees every queue row committed before the previous sequencer released it.
--
-- The match board's notes (board_queue, functions/board_changed.sql) become one 'board_changed'
-- event per coordinator who follows a noted job, however many changes to it committed since the
-- last run: the coordinators of its organisation and of every organisation whose person is
-- booked on it, asked and not yet answered, or named in a changed row. (Board events still in
-- the queue, from before migration 00037, fold the same way.) They come after the run's other
-- events.
--
-- No JIT: the planner's estimate for a large run is above jit_above_cost, and compiling the
-- statement took 0.9 s, every pass, while the accepts it serves take milliseconds
-- (docs/decisions.md).
CREATE OR REPLACE FUNCTION sequence_events(p_lock bigint, p_channel text)
RETURNS TABLE (o_id bigint, o_user bigint, o_kind text, o_data jsonb)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_last bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock), set_config('jit', 'off', true);
    FOR o_id, o_user, o_kind, o_data IN
        WITH moved AS (DELETE FROM notification_queue RETURNING id, user_id, kind, data, created_at),
        noted AS (DELETE FROM board_queue RETURNING job_id, org, people),
        noted_jobs AS (SELECT DISTINCT job_id FROM noted),
        followers AS (
            SELECT job_id, org FROM noted WHERE org IS NOT NULL
            UNION SELECT n.job_id, u.organisation_id FROM noted n CROSS JOIN LATERAL unnest(n.people) AS p(id)
                  CROSS JOIN LATERAL (SELECT organisation_id FROM users WHERE id = p.id) u
            -- Job by job through the indexes: a run holds a few jobs, and joining every pending
            -- offer and every person instead cost each run milliseconds whatever its size.
            UNION SELECT t.job_id, f.org FROM noted_jobs t CROSS JOIN LATERAL (
                SELECT j.organisation_id FROM jobs j WHERE j.id = t.job_id
                UNION ALL SELECT u.organisation_id FROM assignments s CROSS JOIN LATERAL unnest(ARRAY[s.worker_id, s.buddy_id]) AS p(id)
                          JOIN users u ON u.id = p.id WHERE s.job_id = t.job_id
                UNION ALL SELECT u.organisation_id FROM offers o JOIN users u ON u.id = o.worker_id WHERE o.job_id = t.job_id AND o.state = 'pending'
                UNION ALL SELECT u.organisation_id FROM buddy_requests r JOIN users u ON u.id = r.buddy_id
                          WHERE r.job_id = t.job_id AND r.state = 'pending') AS f(org)),
        board AS (
            SELECT c.id AS user_id, jsonb_build_object('job_id', f.job_id) AS data
            FROM followers f JOIN users c ON c.organisation_id = f.org AND c.role = 'coordinator' AND c.deleted_at IS NULL
            UNION SELECT user_id, data FROM moved WHERE kind = 'board_changed'),
        kept AS (
            SELECT id, user_id, kind, data, created_at FROM moved WHERE kind <> 'board_changed'
            UNION ALL
            SELECT NULL, user_id, 'board_changed', data, now() FROM board)
        INSERT INTO notifications (user_id, kind, data, created_at)
        SELECT user_id, kind, data, created_at FROM kept k
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = k.user_id) -- the queue has no foreign key (00035)
        ORDER BY id NULLS LAST, user_id, data
        RETURNING id, user_id, kind, data
    LOOP
        v_last := greatest(v_last, o_id);
        RETURN NEXT;
    END LOOP;
    IF v_last IS NOT NULL THEN
        PERFORM pg_notify(p_channel, v_last::text);
    END IF;
END
$fn$;
