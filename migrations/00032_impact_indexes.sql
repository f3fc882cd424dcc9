-- Impact figures read from indexes alone (issue 13). A year of one organisation is 38,000 jobs
-- and 167,000 final sheets among a million jobs: fetched row by row from the tables, that is
-- 10,000 scattered pages of jobs and as many of sheets; from indexes holding every column the
-- figures read, it is a few hundred pages in order (an index-only scan: old rows, which the
-- figures are mostly about, are all-visible once vacuumed).
--
-- Built CONCURRENTLY so that instances keep writing jobs and sheets during an upgrade; hence no
-- transaction around this file.

-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_impact_idx ON jobs (organisation_id, lower(during))
    INCLUDE (id, poster_id, state, created_at, during, first_filled_at, category_id, main_municipality)
    WHERE organisation_id IS NOT NULL;
-- The same key: the covering index serves every reader of the old one.
DROP INDEX CONCURRENTLY IF EXISTS jobs_organisation_start_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS timesheets_final_idx ON timesheets (job_id)
    INCLUDE (person_id, role, unit, approved) WHERE state IN ('approved', 'decided');

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS timesheets_final_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_organisation_start_idx ON jobs (organisation_id, lower(during)) WHERE organisation_id IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS jobs_impact_idx;
