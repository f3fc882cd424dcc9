-- A fact the impact figures read instead of searching for it (00031_impact_facts.sql), kept in
-- the transaction of the change, whoever writes it.
-- jobs_set_municipality: the main municipality of the job's address, when it is posted and when
-- its poster moves it to another address.
CREATE OR REPLACE FUNCTION jobs_set_municipality() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.address_id IS DISTINCT FROM OLD.address_id THEN
        NEW.main_municipality := (SELECT pc.main_municipality FROM poster_addresses a
            JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
            WHERE a.id = NEW.address_id);
    END IF;
    RETURN NEW;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'jobs_set_municipality' AND tgrelid = 'jobs'::regclass) THEN
        CREATE TRIGGER jobs_set_municipality BEFORE INSERT OR UPDATE OF address_id ON jobs
            FOR EACH ROW EXECUTE FUNCTION jobs_set_municipality();
    END IF;
END $do$;
