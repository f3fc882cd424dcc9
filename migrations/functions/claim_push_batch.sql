-- claim_push_batch takes up to p_limit pushes that are due, for p_lease_ms, as one claim (a row
-- of push_claims): other senders skip them meanwhile, and take them over if this one dies
-- before it reports. It returns each with its claim and what its payload needs.
-- postgres.ClaimPushes calls it; this file is its live source.
--
-- Claims take turns on an advisory lock instead of locking each push: a claim then writes one
-- row, not a new version of each push (migration 00041). A function so that it is planned once
-- per connection (plan_cache_mode; see claim_pushes.sql).
CREATE OR REPLACE FUNCTION claim_push_batch(p_lock bigint, p_limit int, p_lease_ms bigint, p_max_attempts int, p_now timestamptz)
RETURNS TABLE (o_claim bigint, o_id bigint, o_endpoint text, o_p256dh text, o_auth text, o_topic text, o_urgency text,
    o_expires_at timestamptz, o_attempts int, o_notification bigint, o_kind text, o_data jsonb, o_language text,
    o_category text, o_icon text, o_municipality text, o_starts timestamptz)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
    -- Until this transaction ends; each statement below then sees the claims made before.
    PERFORM pg_advisory_xact_lock(p_lock);
    -- Claims whose sender died with them: given up, and the attempt counted in their pushes.
    WITH lapsed AS (DELETE FROM push_claims WHERE until <= p_now RETURNING pushes)
    UPDATE push_outbox SET attempts = attempts + 1 WHERE id IN (SELECT unnest(pushes) FROM lapsed);
    RETURN QUERY
    WITH due AS (
        SELECT p.id, p.subscription_id, p.user_id, p.notification_id, p.topic, p.urgency, p.expires_at,
               p.attempts + 1 AS attempts -- counting this one
        FROM push_outbox p
        WHERE p.sent_at IS NULL AND p.not_before <= p_now AND p.attempts < p_max_attempts
          AND (p.leased_until IS NULL OR p.leased_until <= p_now) -- claimed by an instance of the previous version
          AND p.id NOT IN (SELECT unnest(h.pushes) FROM push_claims h) -- claimed by another sender
          -- never an older push for a topic once a newer one waits: it would arrive after it
          AND NOT EXISTS (SELECT 1 FROM push_outbox q WHERE q.subscription_id = p.subscription_id AND q.topic = p.topic AND q.id > p.id)
        ORDER BY p.not_before, p.id LIMIT p_limit),
    claim AS (
        INSERT INTO push_claims (pushes, until)
        SELECT array_agg(id), p_now + p_lease_ms * interval '1 millisecond' FROM due HAVING count(*) > 0
        RETURNING id)
    SELECT k.id, c.id, s.endpoint, s.p256dh, s.auth, c.topic, c.urgency, c.expires_at, c.attempts,
           n.id, n.kind, n.data, u.language,
           coalesce(CASE u.language WHEN 'fr' THEN cat.name_fr WHEN 'en' THEN cat.name_en
               WHEN 'tr' THEN nullif(cat.name_tr, '') WHEN 'ar' THEN nullif(cat.name_ar, '') END, cat.name_nl, ''),
           coalesce(cat.icon, ''), coalesce(a.municipality, ''),
           CASE WHEN j.id IS NOT NULL THEN lower(coalesce(o.slot, j.during)) END
    FROM due c
    CROSS JOIN claim k
    JOIN push_subscriptions s ON s.id = c.subscription_id
    JOIN notifications n ON n.id = c.notification_id
    JOIN users u ON u.id = c.user_id
    LEFT JOIN offers o ON o.id = (n.data->>'offer_id')::bigint AND o.worker_id = c.user_id
    LEFT JOIN jobs j ON j.id = (n.data->>'job_id')::bigint
    LEFT JOIN categories cat ON cat.id = j.category_id
    LEFT JOIN poster_addresses a ON a.id = j.address_id
    ORDER BY c.id;
END
$fn$;
