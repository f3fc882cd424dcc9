-- Impact figures by month, kept as sheets become final (issue 13: a year of one organisation
-- under 300 ms on a history of a million jobs). A year by month read 167,000 final sheets of
-- 38,000 jobs to count 2,500 people; the same figures come from 27,500 rows of each person's
-- hours per month here: a person's hours in a local month (Europe/Brussels, where Klusbuddy
-- works) per organisation. The series statement reads these rows when its steps are whole
-- months in that zone (a year, a quarter, a range of months) and no category or municipality is
-- chosen, and the sheets themselves otherwise. (Keyed by category and municipality too, the
-- rows were 3.7 million for 4.4 million sheets: a worker's jobs in a month are of several kinds
-- and places, so nothing was saved.) Kept by migrations/functions/impact_person_months.sql; TestImpactRecount recounts
-- both ways from the raw rows.

-- +goose Up
CREATE TABLE impact_person_months (
    organisation_id bigint NOT NULL,  -- 0 for a job outside every organisation's area
    starts          timestamptz NOT NULL, -- the month's first moment in Brussels
    person_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL CHECK (role IN ('worker', 'buddy')),
    hours           double precision NOT NULL,
    -- hours in the key's index too: a year of an organisation is read from the index alone
    PRIMARY KEY (organisation_id, starts, person_id, role) INCLUDE (hours)
);
CREATE INDEX impact_person_months_starts_idx ON impact_person_months (starts) INCLUDE (person_id, role, hours);

INSERT INTO impact_person_months (organisation_id, starts, person_id, role, hours)
SELECT coalesce(j.organisation_id, 0), date_trunc('month', lower(j.during), 'Europe/Brussels'),
       t.person_id, t.role,
       sum(CASE WHEN t.unit = 'minutes' THEN t.approved::float8 / 60
                ELSE extract(epoch FROM upper(j.during) - lower(j.during))::float8 / 3600 END)
FROM timesheets t JOIN jobs j ON j.id = t.job_id
WHERE t.state IN ('approved', 'decided') AND j.state <> 'cancelled'
GROUP BY 1, 2, 3, 4;

-- +goose Down
DROP TRIGGER IF EXISTS impact_person_months_insert ON timesheets;
DROP TRIGGER IF EXISTS impact_person_months_update ON timesheets;
DROP FUNCTION IF EXISTS impact_person_months();
DROP TABLE impact_person_months;
