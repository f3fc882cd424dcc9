-- Impact figures and the indicative social return (issue 13, parts 1, 2 and 4).
--
-- An organisation's own values for the social return: a label, an amount in cents per approved
-- hour worked or per person who worked, and the source or assumption it relies on, which the
-- screen always shows beside the estimate. Klusbuddy holds no value of its own.
--
-- And the indexes the figures read by: an organisation's jobs by start, a job's drop-outs.

-- +goose Up
CREATE TABLE impact_values (
    organisation_id bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position        smallint NOT NULL CHECK (position BETWEEN 1 AND 10),
    label           text NOT NULL CONSTRAINT impact_values_label_length CHECK (char_length(label) <= 120 AND btrim(label) <> ''),
    basis           text NOT NULL CHECK (basis IN ('hour', 'person')),
    cents           bigint NOT NULL CHECK (cents BETWEEN 1 AND 100000000),
    source          text NOT NULL CONSTRAINT impact_values_source_length CHECK (char_length(source) <= 1000 AND btrim(source) <> ''),
    PRIMARY KEY (organisation_id, position)
);

CREATE INDEX jobs_organisation_start_idx ON jobs (organisation_id, lower(during)) WHERE organisation_id IS NOT NULL;
CREATE INDEX dropouts_job_idx ON dropouts (job_id);

-- +goose Down
DROP INDEX dropouts_job_idx;
DROP INDEX jobs_organisation_start_idx;
DROP TABLE impact_values;
