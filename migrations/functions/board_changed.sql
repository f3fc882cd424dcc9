-- board_changed notes, in the transaction of a change to what the match board shows, which jobs
-- changed and the people named in the changed rows (board_queue, migration 00037). Statement
-- triggers with transition tables (below) fire once per statement, so a wave of twenty offers
-- is one row. The sequencer turns the notes into one 'board_changed' event ({"job_id": n}) per
-- coordinator who follows the job (postgres.SequenceNotifications): the coordinators of its
-- organisation, and of every organisation whose person is on it — booked (worker or buddy),
-- asked and not yet answered, or named in the changed rows (a worker who just dropped out or
-- let an offer expire). No one else: a cross-organisation match reaches both organisations'
-- coordinators and no third one. Finding them here, in every writer's transaction, cost an
-- accept about a millisecond of CPU; the sequencer does it once for all the jobs of a run.
CREATE OR REPLACE FUNCTION board_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    job_col text := CASE TG_TABLE_NAME WHEN 'jobs' THEN 'id' ELSE 'job_id' END;
    org_col text := CASE TG_TABLE_NAME WHEN 'jobs' THEN 'organisation_id' ELSE 'NULL::bigint' END;
    people  text := CASE TG_TABLE_NAME
        WHEN 'offers' THEN 'ARRAY[worker_id]'
        WHEN 'assignments' THEN 'array_remove(ARRAY[worker_id, buddy_id], NULL)'
        WHEN 'buddy_requests' THEN 'ARRAY[buddy_id]'
        WHEN 'attendance' THEN 'ARRAY[person_id]'
        WHEN 'safety_reports' THEN 'array_remove(ARRAY[person_id], NULL)'
        WHEN 'dropouts' THEN 'ARRAY[worker_id]'
        ELSE 'ARRAY[]::bigint[]' END;
    pick    text := 'SELECT %I AS job_id, %s AS org, %s AS people FROM %I';
    changed text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := format(pick, job_col, org_col, people, 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN
        changed := format(pick, job_col, org_col, people, 'old_rows');
    ELSIF TG_TABLE_NAME = 'jobs' THEN
        -- Only what the board shows: a job's state, time, place, size or kind. A job moved to
        -- another organisation is noted under both.
        changed := 'SELECT n.id AS job_id, n.organisation_id AS org, ARRAY[]::bigint[] AS people
FROM new_rows n JOIN old_rows o ON o.id = n.id
WHERE (n.state, n.during, n.workers_needed, n.address_id, n.category_id, n.buddy, n.level, n.organisation_id)
      IS DISTINCT FROM (o.state, o.during, o.workers_needed, o.address_id, o.category_id, o.buddy, o.level, o.organisation_id)
UNION ALL SELECT o.id, o.organisation_id, ARRAY[]::bigint[] FROM old_rows o JOIN new_rows n ON n.id = o.id
WHERE o.organisation_id IS DISTINCT FROM n.organisation_id';
    ELSE
        changed := format(pick, job_col, org_col, people, 'new_rows') || ' UNION ALL ' || format(pick, job_col, org_col, people, 'old_rows');
    END IF;
    -- One row per job: a wave's twenty offers note their job once, with its twenty people.
    EXECUTE format('INSERT INTO board_queue (job_id, org, people)
SELECT job_id, org, coalesce(array_agg(DISTINCT p) FILTER (WHERE p IS NOT NULL), ''{}'')
FROM (%s) c LEFT JOIN LATERAL unnest(c.people) AS p ON true GROUP BY job_id, org', changed);
    RETURN NULL;
END
$fn$;

DO $do$
DECLARE
    t text;
    op text;
BEGIN
    FOREACH t IN ARRAY ARRAY['jobs', 'offers', 'assignments', 'buddy_requests', 'attendance', 'outcomes', 'safety_reports', 'dropouts'] LOOP
        FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'board_changed_' || op AND tgrelid = t::regclass) THEN
                EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION board_changed()',
                    'board_changed_' || op, upper(op), t, CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows'
                    WHEN 'delete' THEN 'OLD TABLE AS old_rows' ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END);
            END IF;
        END LOOP;
    END LOOP;
END $do$;
