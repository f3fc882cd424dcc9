-- A fact the impact figures read instead of searching for it (00031_impact_facts.sql), kept in
-- the transaction of the change, whoever writes it.
-- impact_first_filled: the first move of a job to 'filled' (a statement trigger: a bulk insert
-- of moves is one update). Most moves are not to 'filled': they update nothing, and not even
-- an empty update, whose statement triggers on jobs would still fire.
CREATE OR REPLACE FUNCTION impact_first_filled() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows WHERE to_state = 'filled') THEN
        RETURN NULL;
    END IF;
    UPDATE jobs j SET first_filled_at = f.at
    FROM (SELECT job_id, min(at) AS at FROM new_rows WHERE to_state = 'filled' GROUP BY job_id) f
    WHERE j.id = f.job_id AND (j.first_filled_at IS NULL OR j.first_filled_at > f.at);
    RETURN NULL;
END
$fn$;

DO $do$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'impact_first_filled' AND tgrelid = 'job_transitions'::regclass) THEN
        CREATE TRIGGER impact_first_filled AFTER INSERT ON job_transitions REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION impact_first_filled();
    END IF;
END $do$;
