-- job_state_guard refuses any change of jobs.state that the list of allowed moves does not
-- hold. That list, job_state_transitions, is written from klusbuddy.JobTransitions (Go) at every
-- migration, so the one list is the Go table and the database enforces it whoever writes.
-- SQLSTATE KB001 is mapped to a conflict by internal/postgres.
CREATE OR REPLACE FUNCTION job_state_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM job_state_transitions WHERE from_state = OLD.state AND to_state = NEW.state) THEN
        RAISE EXCEPTION 'job % cannot move from % to %', OLD.id, OLD.state, NEW.state USING ERRCODE = 'KB001';
    END IF;
    RETURN NEW;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'jobs_state_guard' AND tgrelid = 'jobs'::regclass) THEN
        CREATE TRIGGER jobs_state_guard BEFORE UPDATE OF state ON jobs
            FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION job_state_guard();
    END IF;
END $do$;
