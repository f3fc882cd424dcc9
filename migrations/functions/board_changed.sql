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
--
-- Static statements, one per table and operation: PL/pgSQL compiles a trigger function once per
-- table and keeps each statement's plan, where a statement built with EXECUTE was parsed and
-- planned on every firing (0.1 ms bare, milliseconds on a busy server; every offer sent fires
-- two of these, the ON CONFLICT's update trigger too). The people of a row: offers and dropouts
-- their worker, assignments the worker and the buddy, buddy requests the buddy, attendance and
-- safety reports the person; outcomes name no one, and jobs carry their organisation instead.
CREATE OR REPLACE FUNCTION board_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_TABLE_NAME = 'jobs' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO board_queue (job_id, org) SELECT id, organisation_id FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO board_queue (job_id, org) SELECT id, organisation_id FROM old_rows;
        ELSE
            -- Only what the board shows: a job's state, time, place, size or kind. A job moved
            -- to another organisation is noted under both.
            INSERT INTO board_queue (job_id, org)
            SELECT n.id, n.organisation_id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.state, n.during, n.workers_needed, n.address_id, n.category_id, n.buddy, n.level, n.organisation_id)
                  IS DISTINCT FROM (o.state, o.during, o.workers_needed, o.address_id, o.category_id, o.buddy, o.level, o.organisation_id)
            UNION ALL
            SELECT o.id, o.organisation_id FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.organisation_id IS DISTINCT FROM n.organisation_id;
        END IF;
    ELSIF TG_TABLE_NAME IN ('offers', 'dropouts') THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO board_queue (job_id, people) SELECT job_id, array_agg(DISTINCT worker_id) FROM new_rows GROUP BY job_id;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO board_queue (job_id, people) SELECT job_id, array_agg(DISTINCT worker_id) FROM old_rows GROUP BY job_id;
        ELSE
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, array_agg(DISTINCT worker_id)
            FROM (SELECT job_id, worker_id FROM new_rows UNION ALL SELECT job_id, worker_id FROM old_rows) c GROUP BY job_id;
        END IF;
    ELSIF TG_TABLE_NAME = 'assignments' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, array_agg(DISTINCT p) FILTER (WHERE p IS NOT NULL)
            FROM new_rows, unnest(ARRAY[worker_id, buddy_id]) AS p GROUP BY job_id;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, array_agg(DISTINCT p) FILTER (WHERE p IS NOT NULL)
            FROM old_rows, unnest(ARRAY[worker_id, buddy_id]) AS p GROUP BY job_id;
        ELSE
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, array_agg(DISTINCT p) FILTER (WHERE p IS NOT NULL)
            FROM (SELECT job_id, worker_id, buddy_id FROM new_rows UNION ALL SELECT job_id, worker_id, buddy_id FROM old_rows) c,
                 unnest(ARRAY[worker_id, buddy_id]) AS p GROUP BY job_id;
        END IF;
    ELSIF TG_TABLE_NAME = 'buddy_requests' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO board_queue (job_id, people) SELECT job_id, array_agg(DISTINCT buddy_id) FROM new_rows GROUP BY job_id;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO board_queue (job_id, people) SELECT job_id, array_agg(DISTINCT buddy_id) FROM old_rows GROUP BY job_id;
        ELSE
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, array_agg(DISTINCT buddy_id)
            FROM (SELECT job_id, buddy_id FROM new_rows UNION ALL SELECT job_id, buddy_id FROM old_rows) c GROUP BY job_id;
        END IF;
    ELSIF TG_TABLE_NAME IN ('attendance', 'safety_reports') THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, coalesce(array_agg(DISTINCT person_id) FILTER (WHERE person_id IS NOT NULL), '{}') FROM new_rows GROUP BY job_id;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, coalesce(array_agg(DISTINCT person_id) FILTER (WHERE person_id IS NOT NULL), '{}') FROM old_rows GROUP BY job_id;
        ELSE
            INSERT INTO board_queue (job_id, people)
            SELECT job_id, coalesce(array_agg(DISTINCT person_id) FILTER (WHERE person_id IS NOT NULL), '{}')
            FROM (SELECT job_id, person_id FROM new_rows UNION ALL SELECT job_id, person_id FROM old_rows) c GROUP BY job_id;
        END IF;
    ELSE -- outcomes
        IF TG_OP = 'INSERT' THEN
            INSERT INTO board_queue (job_id) SELECT DISTINCT job_id FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO board_queue (job_id) SELECT DISTINCT job_id FROM old_rows;
        ELSE
            INSERT INTO board_queue (job_id) SELECT job_id FROM new_rows UNION SELECT job_id FROM old_rows;
        END IF;
    END IF;
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
