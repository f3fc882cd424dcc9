-- Exports for funders (issue 13): the jobs export counts each job's drop-outs, which were
-- looked up only by worker until now; without this index that is a scan of the table per job.

-- +goose Up
CREATE INDEX IF NOT EXISTS dropouts_job_idx ON dropouts (job_id);

-- +goose Down
DROP INDEX IF EXISTS dropouts_job_idx;
