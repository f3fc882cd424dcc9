-- A fact the impact figures read instead of searching for it (00034_impact_person_months.sql),
-- kept in the transaction of the change, whoever writes it.
-- impact_person_months: a sheet that becomes final (approved or decided; inserted so, or moved
-- there from another state) adds its hours, by worked_hours' rule, to its person's month. Final
-- sheets stay final and their jobs are done, never cancelled or moved (job_state_guard), so the
-- hours are only ever added once.
CREATE OR REPLACE FUNCTION impact_person_months() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    -- old_rows exists only in the update trigger: the statement is put together per event.
    EXECUTE format($q$INSERT INTO impact_person_months AS m (organisation_id, starts, person_id, role, hours)
SELECT coalesce(j.organisation_id, 0), date_trunc('month', lower(j.during), 'Europe/Brussels'),
       n.person_id, n.role,
       sum(CASE WHEN n.unit = 'minutes' THEN n.approved::float8 / 60
                ELSE extract(epoch FROM upper(j.during) - lower(j.during))::float8 / 3600 END)
FROM new_rows n JOIN jobs j ON j.id = n.job_id
WHERE n.state IN ('approved', 'decided') AND j.state <> 'cancelled' %s
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4 -- the same order of row locks in every transaction: no deadlock between two
ON CONFLICT (organisation_id, starts, person_id, role)
DO UPDATE SET hours = m.hours + excluded.hours$q$,
        CASE TG_OP WHEN 'UPDATE' THEN
            $c$AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND o.state IN ('approved', 'decided'))$c$
        ELSE '' END);
    RETURN NULL;
END
$fn$;

-- Two triggers: a trigger with transition tables has one event.
DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'impact_person_months_insert' AND tgrelid = 'timesheets'::regclass) THEN
        CREATE TRIGGER impact_person_months_insert AFTER INSERT ON timesheets REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION impact_person_months();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'impact_person_months_update' AND tgrelid = 'timesheets'::regclass) THEN
        CREATE TRIGGER impact_person_months_update AFTER UPDATE ON timesheets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION impact_person_months();
    END IF;
END $do$;
