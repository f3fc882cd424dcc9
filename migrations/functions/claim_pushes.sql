-- claim_pushes takes up to p_limit pushes that are due, for p_lease_ms: another sender skips
-- them meanwhile, and takes them over if this one dies before it reports. It returns each
-- with what its payload needs. This file is its live source.
--
-- The previous version's claim, kept as it was for its instances while a rolling upgrade runs;
-- this version claims with claim_push_batch, which respects these leases. Goes in the next
-- release.
--
-- A function so that it is planned once per connection (plan_cache_mode): sent by the
-- client, even prepared, PostgreSQL planned it anew for every batch, since a plan for the
-- given clock looked cheaper than the generic one. The generic plan runs as fast, and the
-- planning was a fifth of the claim (1 to 1.5 ms a batch; BenchmarkSender).
CREATE OR REPLACE FUNCTION claim_pushes(p_limit int, p_lease_ms bigint, p_max_attempts int, p_now timestamptz)
RETURNS TABLE (o_id bigint, o_endpoint text, o_p256dh text, o_auth text, o_topic text, o_urgency text,
    o_expires_at timestamptz, o_attempts int, o_notification bigint, o_kind text, o_data jsonb, o_language text,
    o_category text, o_icon text, o_municipality text, o_starts timestamptz)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
    RETURN QUERY
    WITH due AS (
        SELECT p.id FROM push_outbox p
        WHERE p.sent_at IS NULL AND p.not_before <= p_now AND p.attempts < p_max_attempts
          AND (p.leased_until IS NULL OR p.leased_until <= p_now) -- not claimed, or the sender died with it
          -- never an older push for a topic once a newer one waits: it would arrive after it
          AND NOT EXISTS (SELECT 1 FROM push_outbox q WHERE q.subscription_id = p.subscription_id AND q.topic = p.topic AND q.id > p.id)
        ORDER BY p.not_before, p.id LIMIT p_limit FOR UPDATE SKIP LOCKED),
    claimed AS (
        UPDATE push_outbox p SET leased_until = p_now + p_lease_ms * interval '1 millisecond', attempts = p.attempts + 1
        WHERE p.id = ANY (ARRAY(SELECT id FROM due)) -- through the key, not a hash of the whole outbox
        RETURNING p.id, p.subscription_id, p.user_id, p.notification_id, p.topic, p.urgency, p.expires_at, p.attempts)
    SELECT c.id, s.endpoint, s.p256dh, s.auth, c.topic, c.urgency, c.expires_at, c.attempts,
           n.id, n.kind, n.data, u.language,
           coalesce(CASE u.language WHEN 'fr' THEN cat.name_fr WHEN 'en' THEN cat.name_en
               WHEN 'tr' THEN nullif(cat.name_tr, '') WHEN 'ar' THEN nullif(cat.name_ar, '') END, cat.name_nl, ''),
           coalesce(cat.icon, ''), coalesce(a.municipality, ''),
           CASE WHEN j.id IS NOT NULL THEN lower(coalesce(o.slot, j.during)) END
    FROM claimed c
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
