-- A fact the impact figures read instead of searching for it (00031_impact_facts.sql), kept in
-- the transaction of the change, whoever writes it.
-- impact_first_work: a worker's first final sheet (approved or decided) moves their first work
-- back to its job's start when that is earlier. Final sheets stay final and their jobs are done,
-- never cancelled, so the date only ever moves back.
CREATE OR REPLACE FUNCTION impact_first_work() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO worker_first_work AS w (person_id, first_at)
    SELECT n.person_id, min(lower(j.during)) FROM new_rows n JOIN jobs j ON j.id = n.job_id
    WHERE n.role = 'worker' AND n.state IN ('approved', 'decided') AND j.state <> 'cancelled'
    GROUP BY n.person_id
    ON CONFLICT (person_id) DO UPDATE SET first_at = excluded.first_at WHERE w.first_at > excluded.first_at;
    RETURN NULL;
END
$fn$;

-- Two triggers: a trigger with transition tables has one event.
DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'impact_first_work_insert' AND tgrelid = 'timesheets'::regclass) THEN
        CREATE TRIGGER impact_first_work_insert AFTER INSERT ON timesheets REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION impact_first_work();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'impact_first_work_update' AND tgrelid = 'timesheets'::regclass) THEN
        CREATE TRIGGER impact_first_work_update AFTER UPDATE ON timesheets REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION impact_first_work();
    END IF;
END $do$;
