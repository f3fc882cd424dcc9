-- jobs_set_vat_rate gives a job posted without a VAT rate the rate its category states at that
-- moment, as the unit price it was posted at (migration 00022): whoever inserts a job.
CREATE OR REPLACE FUNCTION jobs_set_vat_rate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.vat_rate IS NULL THEN
        NEW.vat_rate := (SELECT vat_rate FROM categories WHERE id = NEW.category_id);
    END IF;
    RETURN NEW;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'jobs_set_vat_rate' AND tgrelid = 'jobs'::regclass) THEN
        CREATE TRIGGER jobs_set_vat_rate BEFORE INSERT ON jobs
            FOR EACH ROW EXECUTE FUNCTION jobs_set_vat_rate();
    END IF;
END $do$;
