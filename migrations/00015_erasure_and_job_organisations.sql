-- Issue 10. Erasing an account keeps the rows that anchor the person's history, anonymised, so
-- that jobs, places, hours and transitions still count in the impact figures: their profile
-- row (the postcode area, no home point, no free text) and the addresses jobs were done at
-- (the postcode area, no street, no label, the postcode's point). An erased row is marked, and
-- the constraints say that it holds nothing personal.
--
-- And a job belongs to an organisation: the one based in the municipality of its address (the
-- lowest id when several are), or none (a platform job). A job of an organisation that does
-- not share its pool goes only to that organisation's people (internal/match).

-- +goose Up
ALTER TABLE worker_profiles
    ADD COLUMN erased_at timestamptz,
    ADD CONSTRAINT worker_profiles_erased_check CHECK (erased_at IS NULL OR (home_lat IS NULL AND spoken_languages = '{}'
        AND buddy_need = 'never' AND month_hour_cap IS NULL AND year_hour_cap IS NULL));

ALTER TABLE buddy_profiles
    ADD COLUMN erased_at timestamptz,
    ADD CONSTRAINT buddy_profiles_erased_check CHECK (erased_at IS NULL OR spoken_languages = '{}');

-- An erased company keeps its kind (posters served, by kind) without its name or VAT number.
ALTER TABLE poster_profiles
    ADD COLUMN erased_at timestamptz,
    DROP CONSTRAINT poster_profiles_check,
    ADD CONSTRAINT poster_profiles_company_check
        CHECK (erased_at IS NOT NULL OR (kind = 'company') = (company_name IS NOT NULL AND vat_number IS NOT NULL)),
    ADD CONSTRAINT poster_profiles_erased_check CHECK (erased_at IS NULL OR (company_name IS NULL AND vat_number IS NULL));

ALTER TABLE poster_addresses
    ADD COLUMN erased_at timestamptz,
    DROP CONSTRAINT poster_addresses_street_check,
    ADD CONSTRAINT poster_addresses_street_check
        CHECK (length(street) <= 120 AND (erased_at IS NOT NULL OR length(btrim(street)) >= 1)),
    ADD CONSTRAINT poster_addresses_erased_check CHECK (erased_at IS NULL OR (street = '' AND label = ''));

ALTER TABLE jobs ADD COLUMN organisation_id bigint REFERENCES organisations (id);
-- Existing jobs, by the rule of functions/job_organisation.sql (written out: the functions are
-- applied after the migrations).
UPDATE jobs j SET organisation_id = (
    SELECT o.id FROM poster_addresses a
    JOIN postcodes p ON p.postcode = a.postcode AND p.municipality = a.municipality
    JOIN organisations o ON lower(btrim(o.municipality)) IN (lower(a.municipality), lower(p.main_municipality))
    WHERE a.id = j.address_id ORDER BY o.id LIMIT 1);

-- Jobs posted from now get their organisation from the trigger of
-- functions/jobs_set_organisation.sql, by the rule of functions/job_organisation.sql.

-- +goose Down
DROP TRIGGER IF EXISTS jobs_set_organisation ON jobs;
DROP FUNCTION IF EXISTS jobs_set_organisation();
DROP FUNCTION IF EXISTS job_organisation(bigint);
ALTER TABLE jobs DROP COLUMN organisation_id;
-- Erased rows go back to what the old constraints allow: a placeholder street, and an erased
-- company counted as a household.
ALTER TABLE poster_addresses DROP CONSTRAINT poster_addresses_erased_check, DROP CONSTRAINT poster_addresses_street_check;
UPDATE poster_addresses SET street = '-' WHERE erased_at IS NOT NULL;
ALTER TABLE poster_addresses
    ADD CONSTRAINT poster_addresses_street_check CHECK (length(btrim(street)) BETWEEN 1 AND 120),
    DROP COLUMN erased_at;
ALTER TABLE poster_profiles DROP CONSTRAINT poster_profiles_erased_check, DROP CONSTRAINT poster_profiles_company_check;
UPDATE poster_profiles SET kind = 'household' WHERE erased_at IS NOT NULL AND company_name IS NULL;
ALTER TABLE poster_profiles
    ADD CONSTRAINT poster_profiles_check CHECK ((kind = 'company') = (company_name IS NOT NULL AND vat_number IS NOT NULL)),
    DROP COLUMN erased_at;
ALTER TABLE buddy_profiles DROP CONSTRAINT buddy_profiles_erased_check, DROP COLUMN erased_at;
ALTER TABLE worker_profiles DROP CONSTRAINT worker_profiles_erased_check, DROP COLUMN erased_at;
