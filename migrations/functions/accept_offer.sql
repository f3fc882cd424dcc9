-- accept_offer gives a worker a place on the job of their offer, in one round trip: the job's
-- lock is then held for the statements' own time, not for trips between the server and the
-- database. This file is its live source: internal/postgres applies it after the migrations
-- (postgres.AcceptOffer calls it and turns the outcome into the API's answer).
--
-- The rules, in order: the offer is the worker's; the job is not cancelled or changed since;
-- the offer is pending, unexpired and its day has not started; a place is left; the job's hours
-- keep the worker's worked hours (worked_hours: approved where final, booked otherwise) within
-- their month and year caps (internal/match checks the same before
-- offering; one table of cases in internal/postgres tests both); the worker is not booked at
-- that time (the exclusion constraint on assignments). p_now is the clock's time.
CREATE OR REPLACE FUNCTION accept_offer(p_worker bigint, p_offer bigint, p_now timestamptz,
    OUT o_job bigint, OUT o_place integer, OUT o_outcome text)
LANGUAGE plpgsql AS $fn$
DECLARE
    j_state text; j_needed integer; j_poster bigint;
    v_state text; v_live boolean; v_started boolean; v_needs_buddy boolean; v_old_round boolean;
    v_taken integer; v_settle boolean; v_slot tstzrange;
    v_month_cap double precision; v_year_cap double precision; v_hours double precision;
    v_month double precision; v_year double precision; v_searching boolean;
BEGIN
    -- The offer's job, locked: accepts on one job take turns.
    SELECT j.id, j.state, j.workers_needed, j.poster_id INTO o_job, j_state, j_needed, j_poster
    FROM jobs j WHERE j.id = (SELECT job_id FROM offers WHERE id = p_offer AND worker_id = p_worker) FOR UPDATE OF j;
    IF NOT FOUND THEN
        o_outcome := 'not_found';
        RETURN;
    END IF;
    -- The offer, locked, and the places taken, counted after the job's lock.
    SELECT o.state, o.expires_at > p_now, lower(coalesce(o.slot, j.during)) <= p_now, o.needs_buddy, o.round < j.round,
           (SELECT count(*) FROM assignments WHERE job_id = o.job_id), j.window_days > 1 AND o.slot IS NOT NULL,
           coalesce(o.slot, j.during)
    INTO v_state, v_live, v_started, v_needs_buddy, v_old_round, v_taken, v_settle, v_slot
    FROM offers o JOIN jobs j ON j.id = o.job_id WHERE o.id = p_offer FOR UPDATE OF o;

    IF v_state = 'accepted' THEN -- accepted before: the same place, if it is still there
        SELECT a.place INTO o_place FROM assignments a WHERE a.job_id = o_job AND a.worker_id = p_worker;
        o_outcome := CASE WHEN FOUND THEN 'ok' WHEN j_state = 'cancelled' THEN 'cancelled' ELSE 'closed' END;
        RETURN;
    END IF;
    o_outcome := CASE
        WHEN j_state = 'cancelled' THEN 'cancelled'
        WHEN v_state = 'withdrawn' AND v_old_round THEN 'changed'
        WHEN v_state = 'withdrawn' THEN 'closed'
        WHEN v_state = 'taken' OR v_taken >= j_needed THEN 'taken'
        WHEN v_state <> 'pending' OR NOT v_live OR v_started THEN 'expired'
        WHEN j_state <> 'offering' THEN 'closed'
    END;
    IF o_outcome IS NOT NULL THEN
        RETURN;
    END IF;

    -- The hour caps for the month and year of the day offered (in Belgium), the worker locked
    -- so that two accepts of theirs take turns.
    SELECT coalesce(p.month_hour_cap, g.month_hour_cap), coalesce(p.year_hour_cap, g.year_hour_cap)
    INTO v_month_cap, v_year_cap
    FROM users u JOIN worker_profiles p ON p.user_id = u.id JOIN organisations g ON g.id = u.organisation_id
    WHERE u.id = p_worker FOR NO KEY UPDATE OF u;
    v_hours := extract(epoch FROM upper(v_slot) - lower(v_slot)) / 3600;
    SELECT coalesce(sum(h) FILTER (WHERE date_trunc('month', t) = date_trunc('month', lower(v_slot) AT TIME ZONE 'Europe/Brussels')), 0),
           coalesce(sum(h) FILTER (WHERE date_trunc('year', t) = date_trunc('year', lower(v_slot) AT TIME ZONE 'Europe/Brussels')), 0)
    INTO v_month, v_year
    FROM (SELECT w.hours AS h, w.starts AT TIME ZONE 'Europe/Brussels' AS t FROM worked_hours(ARRAY[p_worker]) w) b;
    IF v_month + v_hours > v_month_cap + 1e-9 THEN
        o_outcome := 'cap_month';
        RETURN;
    END IF;
    IF v_year + v_hours > v_year_cap + 1e-9 THEN
        o_outcome := 'cap_year';
        RETURN;
    END IF;

    BEGIN
        IF v_settle THEN
            -- The first accept of a job with a window of days settles its day; offers for any
            -- day are withdrawn, and a new round asks for the places left on that day.
            UPDATE jobs SET during = v_slot, window_days = 1, round = round + 1, terms_round = round + 1 WHERE id = o_job;
            WITH closed AS (
                UPDATE offers SET state = 'withdrawn', answered_at = p_now WHERE job_id = o_job AND state = 'pending' AND id <> p_offer
                RETURNING id, worker_id)
            INSERT INTO notification_queue (user_id, kind, data)
            SELECT worker_id, 'offer_withdrawn', jsonb_build_object('offer_id', id, 'job_id', o_job) FROM closed;
        END IF;
        -- The lowest free place: after a drop-out, places need not be 1…taken.
        INSERT INTO assignments (job_id, workers_needed, place, worker_id, during, buddy_state)
        SELECT j.id, j.workers_needed,
               (SELECT min(g) FROM generate_series(1, j.workers_needed) g
                WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.job_id = j.id AND a.place = g)),
               p_worker, j.during, CASE WHEN v_needs_buddy THEN 'searching' ELSE 'none' END
        FROM jobs j WHERE j.id = o_job RETURNING place INTO o_place;
    EXCEPTION WHEN exclusion_violation THEN
        o_outcome := 'booked'; -- the settled day (if any) is undone with the insert
        RETURN;
    END;

    UPDATE offers SET state = 'accepted', answered_at = p_now WHERE id = p_offer;
    v_taken := v_taken + 1;
    INSERT INTO notification_queue (user_id, kind, data) VALUES
        (p_worker, CASE WHEN v_needs_buddy THEN 'job_status' ELSE 'assignment_confirmed' END,
         CASE WHEN v_needs_buddy THEN jsonb_build_object('job_id', o_job, 'buddy', 'searching')
              ELSE jsonb_build_object('job_id', o_job, 'offer_id', p_offer) END),
        (j_poster, 'job_status', jsonb_build_object('job_id', o_job, 'taken', v_taken, 'needed', j_needed));

    -- Every place taken: the other offers are taken; every buddy settled too: filled.
    IF v_taken >= j_needed THEN
        WITH closed AS (
            UPDATE offers SET state = 'taken', answered_at = p_now WHERE job_id = o_job AND state = 'pending' RETURNING id, worker_id)
        INSERT INTO notification_queue (user_id, kind, data)
        SELECT worker_id, 'offer_taken', jsonb_build_object('offer_id', id, 'job_id', o_job) FROM closed;
        SELECT EXISTS (SELECT 1 FROM assignments WHERE job_id = o_job AND buddy_state = 'searching') INTO v_searching;
        IF NOT v_searching THEN
            PERFORM move_job(o_job, 'filled', NULL, p_now);
        END IF;
    END IF;
    o_outcome := 'ok';
END
$fn$;
