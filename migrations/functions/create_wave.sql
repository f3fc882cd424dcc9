-- create_wave stores a wave of offers for a job and queues their events, in one round trip:
-- the job's lock is held for the statements' own time, not for trips between the server and
-- the database (as accept_offer). postgres.CreateWave calls it with the wave internal/match
-- ranked; this file is its live source.
--
-- Under the job's lock, in statements of their own (each sees what committed while the lock
-- was awaited): the places taken, and whether this wave is still the one to send (another
-- instance, or the post and the ticker at once, may have sent it already). It returns how many
-- offers went out (0: nothing to send any more), or NULL when there is no such job.
CREATE OR REPLACE FUNCTION create_wave(p_job bigint, p_round integer, p_wave integer,
    p_workers bigint[], p_scores double precision[], p_breakdowns text[], p_buddies boolean[],
    p_minutes double precision[], p_slot_from timestamptz[], p_slot_to timestamptz[],
    p_expires timestamptz, p_now timestamptz, p_kind text, p_expires_text text)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    v_state text; v_needed integer; v_taken integer; v_last integer; v_round integer; v_live boolean;
    v_sent integer;
BEGIN
    SELECT j.state, j.workers_needed INTO v_state, v_needed FROM jobs j WHERE j.id = p_job FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT (SELECT count(*) FROM assignments a WHERE a.job_id = p_job),
           coalesce((SELECT max(o.wave) FROM offers o WHERE o.job_id = p_job), 0), j.round,
           EXISTS (SELECT 1 FROM offers o WHERE o.job_id = p_job AND o.state = 'pending' AND o.expires_at > p_now)
    INTO v_taken, v_last, v_round, v_live
    FROM jobs j WHERE j.id = p_job;
    IF v_state NOT IN ('open', 'offering', 'unfilled') OR v_taken >= v_needed -- filled or closed meanwhile
       OR v_live OR v_last <> p_wave - 1 OR v_round <> p_round THEN            -- sent already, or changed
        RETURN 0;
    END IF;

    -- The whole wave and its events in one statement: its triggers fire once, not twice per
    -- offer (the ON CONFLICT's update trigger fires too), and the events go out in the
    -- ranking's order. A worker whose earlier offer was taken by others (they said nothing
    -- wrong) may get the job again when a place opens; anyone else offered before is not asked
    -- twice.
    WITH x AS (
        SELECT * FROM unnest(p_workers, p_scores, p_breakdowns, p_buddies, p_minutes, p_slot_from, p_slot_to)
        WITH ORDINALITY AS x(worker_id, score, breakdown, needs_buddy, travel_minutes, slot_from, slot_to, rank)),
    sent AS (
        INSERT INTO offers AS o (job_id, worker_id, wave, score, breakdown, needs_buddy, travel_minutes, expires_at, round, slot, created_at)
        SELECT p_job, x.worker_id, p_wave, x.score, x.breakdown::jsonb, x.needs_buddy, x.travel_minutes, p_expires, p_round,
               CASE WHEN x.slot_from IS NULL THEN NULL ELSE tstzrange(x.slot_from, x.slot_to) END, p_now
        FROM x ORDER BY x.rank
        ON CONFLICT (job_id, round, worker_id) DO UPDATE SET wave = EXCLUDED.wave, score = EXCLUDED.score, breakdown = EXCLUDED.breakdown,
            needs_buddy = EXCLUDED.needs_buddy, travel_minutes = EXCLUDED.travel_minutes, expires_at = EXCLUDED.expires_at, slot = EXCLUDED.slot,
            state = 'pending', created_at = EXCLUDED.created_at, answered_at = NULL
        WHERE o.state = 'taken'
        RETURNING o.id, o.worker_id),
    told AS (
        INSERT INTO notification_queue (user_id, kind, data)
        SELECT s.worker_id, p_kind, jsonb_build_object('offer_id', s.id, 'job_id', p_job, 'expires_at', p_expires_text)
        FROM sent s JOIN x ON x.worker_id = s.worker_id ORDER BY x.rank
        RETURNING 1)
    SELECT count(*) INTO v_sent FROM told;

    IF v_sent > 0 THEN
        PERFORM move_job(p_job, 'offering', NULL, p_now, false);
    END IF;
    RETURN v_sent;
END
$fn$;
