-- calendar_assignments keeps the calendar entries (migration 00019) in step with the bookings:
-- a worker booked on a job gets it in their calendar (again, as a new version, after dropping
-- out), and so does a buddy going along; a change of the worker's buddy search (waiting for a
-- buddy, or one found) is a new version for the worker. A worker's place released (drop-out,
-- cancellation, erasure) or a buddy no longer going along leaves the entry marked as left, a
-- new version, so that their calendar shows the event cancelled. A buddy who accompanies
-- several workers on one job keeps it while they go along with any.
CREATE OR REPLACE FUNCTION calendar_assignments() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO calendar_entries AS e (user_id, job_id, role) VALUES (NEW.worker_id, NEW.job_id, 'worker')
        ON CONFLICT (user_id, job_id) DO UPDATE SET sequence = e.sequence + 1, left_job = false, changed_at = now();
    ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.buddy_state IS DISTINCT FROM OLD.buddy_state THEN
            UPDATE calendar_entries SET sequence = sequence + 1, changed_at = now()
            WHERE user_id = NEW.worker_id AND job_id = NEW.job_id AND NOT left_job;
        END IF;
    ELSE
        UPDATE calendar_entries SET sequence = sequence + 1, left_job = true, changed_at = now()
        WHERE user_id = OLD.worker_id AND job_id = OLD.job_id AND NOT left_job;
    END IF;

    IF TG_OP <> 'INSERT' THEN
        IF OLD.buddy_id IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.buddy_id IS DISTINCT FROM OLD.buddy_id) THEN
            UPDATE calendar_entries SET sequence = sequence + 1, left_job = true, changed_at = now()
            WHERE user_id = OLD.buddy_id AND job_id = OLD.job_id AND NOT left_job
              AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.job_id = OLD.job_id AND s.buddy_id = OLD.buddy_id);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.buddy_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.buddy_id IS DISTINCT FROM OLD.buddy_id) THEN
            INSERT INTO calendar_entries AS e (user_id, job_id, role) VALUES (NEW.buddy_id, NEW.job_id, 'buddy')
            ON CONFLICT (user_id, job_id) DO UPDATE SET sequence = e.sequence + 1, left_job = false, changed_at = now()
            WHERE e.left_job;
        END IF;
    END IF;
    RETURN NULL;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'calendar_assignments' AND tgrelid = 'assignments'::regclass) THEN
        CREATE TRIGGER calendar_assignments AFTER INSERT OR DELETE OR UPDATE OF buddy_id, buddy_state ON assignments
            FOR EACH ROW EXECUTE FUNCTION calendar_assignments();
    END IF;
END $do$;
