-- What the poster pays (issue 12): the catalogue states the VAT rate included in each unit
-- price, and a job keeps the rate of the price it was posted at (like unit_price_cents; set by
-- the trigger of functions/jobs_set_vat_rate.sql), so that a later change of the catalogue
-- changes no statement. A monthly statement reads a poster's jobs by their start.

-- +goose Up
ALTER TABLE categories ADD COLUMN vat_rate smallint NOT NULL DEFAULT 21 CHECK (vat_rate IN (0, 6, 12, 21));
ALTER TABLE jobs ADD COLUMN vat_rate smallint;
UPDATE jobs j SET vat_rate = c.vat_rate FROM categories c WHERE c.id = j.category_id;
ALTER TABLE jobs ALTER COLUMN vat_rate SET NOT NULL, ADD CONSTRAINT jobs_vat_rate_check CHECK (vat_rate IN (0, 6, 12, 21));
CREATE INDEX jobs_poster_start_idx ON jobs (poster_id, lower(during));

-- +goose Down
DROP INDEX jobs_poster_start_idx;
DROP TRIGGER IF EXISTS jobs_set_vat_rate ON jobs;
DROP FUNCTION IF EXISTS jobs_set_vat_rate();
ALTER TABLE jobs DROP COLUMN vat_rate;
ALTER TABLE categories DROP COLUMN vat_rate;
