-- record_pushes records what became of claimed pushes, in one statement (so in one transaction
-- and one round trip): sent ones leave the outbox for push_sent, which keeps a day which topic
-- each device was sent (a later "taken" needs to know); retries wait, or end once out of
-- attempts or replaced by a newer push on their topic; gone subscriptions are deleted with
-- their pushes; the rest are dropped. Then it gives back the claims done, all of whose pushes
-- are recorded by now. postgres.CompletePushes calls it; this file is its live source.
--
-- The sent pushes come grouped by the push service's status (p_sent_status[i] for the next
-- p_sent_count[i] ids of p_sent; nearly always one group, 201): one statement per status, with
-- no join of the statuses per row.
CREATE OR REPLACE FUNCTION record_pushes(p_now timestamptz, p_max_attempts int,
    p_sent bigint[], p_sent_status int[], p_sent_count int[],
    p_retry bigint[], p_retry_status int[], p_retry_at timestamptz[],
    p_gone bigint[], p_gone_endpoint text[], p_dropped bigint[], p_done bigint[])
RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $fn$
DECLARE
    v_from int := 1;
BEGIN
    FOR i IN 1 .. coalesce(cardinality(p_sent_status), 0) LOOP
        WITH done AS (
            DELETE FROM push_outbox WHERE id = ANY (p_sent[v_from : v_from + p_sent_count[i] - 1])
            RETURNING subscription_id, topic)
        INSERT INTO push_sent (subscription_id, topic, sent_at, status)
        SELECT DISTINCT ON (subscription_id, topic) subscription_id, topic, p_now, p_sent_status[i]
        FROM done ORDER BY subscription_id, topic
        ON CONFLICT (subscription_id, topic) DO UPDATE SET sent_at = EXCLUDED.sent_at, status = EXCLUDED.status;
        v_from := v_from + p_sent_count[i];
    END LOOP;
    IF cardinality(p_retry) > 0 THEN
        WITH x AS (SELECT * FROM unnest(p_retry, p_retry_status, p_retry_at) AS x(id, status, at)),
        superseded AS (
            SELECT p.id FROM push_outbox p JOIN x ON x.id = p.id
            WHERE p.attempts + 1 >= p_max_attempts
               OR EXISTS (SELECT 1 FROM push_outbox q WHERE q.subscription_id = p.subscription_id AND q.topic = p.topic AND q.id > p.id)),
        spent AS (DELETE FROM push_outbox p USING superseded s WHERE p.id = s.id)
        UPDATE push_outbox p SET not_before = x.at, attempts = p.attempts + 1, leased_until = NULL, last_status = x.status
        FROM x WHERE p.id = x.id AND p.id NOT IN (SELECT id FROM superseded);
    END IF;
    IF cardinality(p_gone) > 0 THEN
        -- Only the endpoint that was refused: the device may have replaced it meanwhile.
        WITH x AS (SELECT * FROM unnest(p_gone, p_gone_endpoint) AS x(id, endpoint)),
        ended AS (DELETE FROM push_subscriptions s USING x, push_outbox p
                  WHERE p.id = x.id AND s.id = p.subscription_id AND s.endpoint = x.endpoint)
        DELETE FROM push_outbox p USING x WHERE p.id = x.id;
    END IF;
    IF cardinality(p_dropped) > 0 THEN
        DELETE FROM push_outbox WHERE id = ANY (p_dropped);
    END IF;
    IF cardinality(p_done) > 0 THEN
        DELETE FROM push_claims WHERE id = ANY (p_done);
    END IF;
END
$fn$;
