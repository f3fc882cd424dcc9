-- calendar_jobs keeps the calendar entries (migration 00019) in step with the jobs: a posted
-- job enters its poster's calendar; a change of its time, address, work or state is a new
-- version of the event (SEQUENCE + 1) for everyone who has it, but those who left it.
CREATE OR REPLACE FUNCTION calendar_jobs() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO calendar_entries (user_id, job_id, role) VALUES (NEW.poster_id, NEW.id, 'poster')
        ON CONFLICT DO NOTHING;
    ELSIF NEW.during IS DISTINCT FROM OLD.during OR NEW.address_id IS DISTINCT FROM OLD.address_id
       OR NEW.category_id IS DISTINCT FROM OLD.category_id OR NEW.state IS DISTINCT FROM OLD.state THEN
        UPDATE calendar_entries SET sequence = sequence + 1, changed_at = now() WHERE job_id = NEW.id AND NOT left_job;
    END IF;
    RETURN NULL;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'calendar_jobs' AND tgrelid = 'jobs'::regclass) THEN
        CREATE TRIGGER calendar_jobs AFTER INSERT OR UPDATE OF during, address_id, category_id, state ON jobs
            FOR EACH ROW EXECUTE FUNCTION calendar_jobs();
    END IF;
END $do$;
