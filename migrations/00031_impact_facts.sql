-- Impact figures, kept as the rows change (issue 13: a year of one organisation under 300 ms on
-- a history of a million jobs). Three facts the figures' statement looked up or searched for on
-- every count, now written once, in the transaction that makes them true, by the triggers in
-- functions/impact_facts.sql:
--
-- - jobs.main_municipality: the main municipality of the job's address (looked up per job, 1.1 s
--   of a year's 1.6 s);
-- - jobs.first_filled_at: the first time the job was fully booked (its first move to 'filled'),
--   for the time to fill (a search of the moves of every job of the year);
-- - worker_first_work: when each worker's first final sheet's job started, so that "new people"
--   is a comparison, not a search of each person's past sheets.
--
-- The backfill below gives existing databases the same facts the triggers keep from now on;
-- TestImpactRecount recounts every figure from the raw rows and must still agree.

-- +goose Up
ALTER TABLE jobs ADD COLUMN main_municipality text CONSTRAINT jobs_main_municipality_length CHECK (char_length(main_municipality) <= 120),
    ADD COLUMN first_filled_at timestamptz;

-- One update of each job, not two: every row rewritten once.
UPDATE jobs j SET main_municipality = x.municipality, first_filled_at = x.filled
FROM (SELECT j2.id, pc.main_municipality AS municipality, f.at AS filled
      FROM jobs j2
      JOIN poster_addresses a ON a.id = j2.address_id
      JOIN postcodes pc ON pc.postcode = a.postcode AND pc.municipality = a.municipality
      LEFT JOIN (SELECT job_id, min(at) AS at FROM job_transitions WHERE to_state = 'filled' GROUP BY job_id) f
        ON f.job_id = j2.id) x
WHERE x.id = j.id;

CREATE TABLE worker_first_work (
    person_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    first_at  timestamptz NOT NULL
);

-- A final sheet's job is done (sheets exist only then) and a done job is never cancelled
-- (job_state_guard), so no later change can take a first work away.
INSERT INTO worker_first_work (person_id, first_at)
SELECT t.person_id, min(lower(j.during)) FROM timesheets t JOIN jobs j ON j.id = t.job_id
WHERE t.role = 'worker' AND t.state IN ('approved', 'decided') AND j.state <> 'cancelled'
GROUP BY t.person_id;

-- +goose Down
DROP TRIGGER IF EXISTS impact_first_work_insert ON timesheets;
DROP TRIGGER IF EXISTS impact_first_work_update ON timesheets;
DROP TRIGGER IF EXISTS impact_first_filled ON job_transitions;
DROP TRIGGER IF EXISTS jobs_set_municipality ON jobs;
DROP FUNCTION IF EXISTS impact_first_work(), impact_first_filled(), jobs_set_municipality();
DROP TABLE worker_first_work;
ALTER TABLE jobs DROP COLUMN main_municipality, DROP COLUMN first_filled_at;
