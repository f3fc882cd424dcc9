-- jobs_set_organisation gives a job the organisation of its address (job_organisation.sql) when
-- it is posted, and again when its poster moves it to another address.
CREATE OR REPLACE FUNCTION jobs_set_organisation() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.address_id IS DISTINCT FROM OLD.address_id THEN
        NEW.organisation_id := job_organisation(NEW.address_id);
    END IF;
    RETURN NEW;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'jobs_set_organisation' AND tgrelid = 'jobs'::regclass) THEN
        CREATE TRIGGER jobs_set_organisation BEFORE INSERT OR UPDATE OF address_id ON jobs
            FOR EACH ROW EXECUTE FUNCTION jobs_set_organisation();
    END IF;
END $do$;
