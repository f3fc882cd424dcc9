-- move_job moves a job to a new state and records the move with who made it (NULL: Klusbuddy
-- itself) and when (p_at, the clock's time). Every change of jobs.state goes through it, from
-- Go (postgres.moveJob) and from the other stored functions; the trigger in
-- job_state_guard.sql refuses a move that klusbuddy.JobTransitions does not list. Moving to the
-- state a job is already in does nothing. The caller holds the job's lock.
CREATE OR REPLACE FUNCTION move_job(p_job bigint, p_to text, p_actor bigint, p_at timestamptz, p_late boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    v_from text;
BEGIN
    SELECT state INTO v_from FROM jobs WHERE id = p_job FOR UPDATE;
    IF NOT FOUND OR v_from = p_to THEN
        RETURN;
    END IF;
    UPDATE jobs SET state = p_to WHERE id = p_job;
    INSERT INTO job_transitions (job_id, from_state, to_state, actor_id, late, at)
    VALUES (p_job, v_from, p_to, p_actor, p_late, p_at);
END
$fn$;
