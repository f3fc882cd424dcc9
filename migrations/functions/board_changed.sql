-- board_changed tells the coordinators who follow a job on their match board that it changed:
-- one compact 'board_changed' event ({"job_id": n}) per coordinator and job, queued in the
-- transaction of the change (the outbox), whoever writes it. Statement triggers with transition
-- tables (below) fire once per statement, so a wave of twenty offers is one event per coach.
-- Who follows a job: the coordinators of its organisation, and of every organisation whose
-- person is on it — booked (worker or buddy), asked and not yet answered, or in the rows that
-- changed (a worker who just dropped out or let an offer expire). No one else: a cross-
-- organisation match reaches both organisations' coordinators and no third one. The sequencer
-- folds a coordinator's events for one job into one (postgres.SequenceNotifications).
CREATE OR REPLACE FUNCTION board_changed() RETURNS trigger LANGUAGE plpgsql
-- One plan for the static query below, made once per session: left to choose, PostgreSQL
-- kept planning it anew for each statement (a generic plan for arrays of unknown size looks
-- dearer than the custom ones), which cost an accept several milliseconds.
SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
    job_col text := CASE TG_TABLE_NAME WHEN 'jobs' THEN 'id' ELSE 'job_id' END;
    org_col text := CASE TG_TABLE_NAME WHEN 'jobs' THEN 'organisation_id' ELSE 'NULL::bigint' END;
    people  text := CASE TG_TABLE_NAME
        WHEN 'offers' THEN 'ARRAY[worker_id]'
        WHEN 'assignments' THEN 'ARRAY[worker_id, buddy_id]'
        WHEN 'buddy_requests' THEN 'ARRAY[buddy_id]'
        WHEN 'attendance' THEN 'ARRAY[person_id]'
        WHEN 'safety_reports' THEN 'ARRAY[person_id]'
        WHEN 'dropouts' THEN 'ARRAY[worker_id]'
        ELSE 'ARRAY[]::bigint[]' END;
    pick    text := 'SELECT %I AS job_id, %s AS org, %s AS people FROM %I';
    changed text;
    touched bigint[]; -- the jobs of the changed rows
    pairs   bigint[]; -- (job, organisation) of each changed job
    persons bigint[]; -- (job, person) for each person named in a changed row
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := format(pick, job_col, org_col, people, 'new_rows');
    ELSIF TG_OP = 'DELETE' THEN
        changed := format(pick, job_col, org_col, people, 'old_rows');
    ELSIF TG_TABLE_NAME = 'jobs' THEN
        -- Only what the board shows: a job's state, time, place, size or kind.
        changed := 'SELECT n.id AS job_id, n.organisation_id AS org, ARRAY[]::bigint[] AS people
FROM new_rows n JOIN old_rows o ON o.id = n.id
WHERE (n.state, n.during, n.workers_needed, n.address_id, n.category_id, n.buddy, n.level, n.organisation_id)
      IS DISTINCT FROM (o.state, o.during, o.workers_needed, o.address_id, o.category_id, o.buddy, o.level, o.organisation_id)
UNION ALL SELECT o.id, o.organisation_id, ARRAY[]::bigint[] FROM old_rows o JOIN new_rows n ON n.id = o.id
WHERE o.organisation_id IS DISTINCT FROM n.organisation_id';
    ELSE
        changed := format(pick, job_col, org_col, people, 'new_rows') || ' UNION ALL ' || format(pick, job_col, org_col, people, 'old_rows');
    END IF;
    -- Only this small step is dynamic (its columns depend on the table), so only it is planned
    -- anew each time: the query that finds whom to tell is static, planned once per session.
    -- (Planning that query on every statement made an accept cost several milliseconds.)
    EXECUTE format($q$WITH c AS (%s)
SELECT (SELECT array_agg(DISTINCT job_id) FROM c),
       (SELECT array_agg(ARRAY[job_id, org]) FROM c WHERE org IS NOT NULL),
       (SELECT array_agg(ARRAY[c.job_id, p.id]) FROM c CROSS JOIN LATERAL unnest(c.people) AS p(id) WHERE p.id IS NOT NULL)$q$, changed)
    INTO touched, pairs, persons;
    IF touched IS NULL THEN
        RETURN NULL;
    END IF;
    -- Written for the generic plan it gets: every table reached by index through = ANY.
    WITH orgs AS (
        SELECT pairs[i][1] AS job_id, pairs[i][2] AS org FROM generate_subscripts(pairs, 1) AS i
        UNION SELECT persons[i][1], u.organisation_id FROM generate_subscripts(persons, 1) AS i
              JOIN users u ON u.id = persons[i][2]
        UNION SELECT j.id, j.organisation_id FROM jobs j WHERE j.id = ANY (touched)
        UNION SELECT s.job_id, u.organisation_id FROM assignments s
              JOIN users u ON u.id IN (s.worker_id, s.buddy_id) WHERE s.job_id = ANY (touched)
        UNION SELECT o.job_id, u.organisation_id FROM offers o
              JOIN users u ON u.id = o.worker_id WHERE o.job_id = ANY (touched) AND o.state = 'pending'
        UNION SELECT r.job_id, u.organisation_id FROM buddy_requests r
              JOIN users u ON u.id = r.buddy_id WHERE r.job_id = ANY (touched) AND r.state = 'pending')
    INSERT INTO notification_queue (user_id, kind, data)
    SELECT DISTINCT c.id, 'board_changed', jsonb_build_object('job_id', o.job_id)
    FROM orgs o JOIN users c ON c.organisation_id = o.org AND c.role = 'coordinator' AND c.deleted_at IS NULL;
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
