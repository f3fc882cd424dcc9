-- worked_hours is the one rule for how many hours a worker's place on a job counts, for the hour
-- caps and fairness (matching in internal/postgres/candidates.go, accept_offer) and for what the
-- worker sees (GET /me/hours): every assignment of the workers on a job not cancelled, counted
-- as the approved minutes of their timesheet once it is final (approved, or decided after a
-- dispute), otherwise — still to come, or not yet approved — as the hours booked (the
-- assignment's window). A per-item sheet counts items, not time: its booked hours count.
-- This file is its live source: internal/postgres applies it after the migrations.
CREATE OR REPLACE FUNCTION worked_hours(p_workers bigint[])
RETURNS TABLE (worker_id bigint, job_id bigint, poster_id bigint, starts timestamptz, ends timestamptz,
    booked double precision, hours double precision, final boolean)
LANGUAGE sql STABLE AS $fn$
    SELECT s.worker_id, s.job_id, j.poster_id, lower(s.during), upper(s.during),
           extract(epoch FROM upper(s.during) - lower(s.during))::double precision / 3600,
           CASE WHEN t.state IN ('approved', 'decided') AND t.unit = 'minutes' THEN t.approved::double precision / 60
                ELSE extract(epoch FROM upper(s.during) - lower(s.during))::double precision / 3600 END,
           coalesce(t.state IN ('approved', 'decided'), false)
    FROM assignments s JOIN jobs j ON j.id = s.job_id
    LEFT JOIN timesheets t ON t.job_id = s.job_id AND t.person_id = s.worker_id AND t.role = 'worker'
    WHERE s.worker_id = ANY (p_workers) AND j.state <> 'cancelled'
$fn$;
